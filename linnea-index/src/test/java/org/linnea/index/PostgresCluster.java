package org.linnea.index;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for tests, from the system's PostgreSQL 15 binaries: initdb in a
 * temporary folder (owned by the {@code postgres} user when the tests run as root, since initdb
 * refuses root), listening on 127.0.0.1 at a free port, stopped by its postmaster's PID (SIGINT,
 * fast shutdown) when the test JVM exits. fsync is off: these tests are about SQL, not durability. One cluster per test JVM; each test class gets a database of its own.
 *
 * <p>Skips (JUnit assumption) with a message when /usr/lib/postgresql/15/bin is absent.
 */
public final class PostgresCluster implements AutoCloseable {
  public static final Path BIN = Path.of(System.getenv().getOrDefault("LINNEA_PG_BIN", "/usr/lib/postgresql/15/bin"));
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final int port;
  private final long pid;

  private PostgresCluster(Path dir, int port, long pid) {
    this.dir = dir;
    this.port = port;
    this.pid = pid;
  }

  private static PostgresCluster shared;

  /** The cluster of this test JVM, started on first use and stopped when the JVM exits. */
  public static synchronized PostgresCluster shared() {
    Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("initdb")),
        "PostgreSQL tests skipped: " + BIN + "/initdb is absent (install postgresql-15)");
    if (shared == null) shared = start();
    return shared;
  }

  static PostgresCluster start() {
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("linnea-pg-");
      Path data = dir.resolve("data");
      if (root) run(List.of("chown", "postgres:postgres", dir.toString()));
      run(as(root, BIN.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "linnea", "-N", "-E", "UTF8", "--locale=C.UTF-8"));
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      run(as(root, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60", "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200", "start"));
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
      PostgresCluster c = new PostgresCluster(dir, port, pid);
      Runtime.getRuntime().addShutdownHook(new Thread(c::close));
      return c;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start a PostgreSQL test cluster: " + e.getMessage(), e);
    }
  }

  private static List<String> as(boolean root, String... cmd) {
    List<String> l = new ArrayList<>();
    if (root) l.addAll(List.of("runuser", "-u", "postgres", "--"));
    l.addAll(List.of(cmd));
    return l;
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + new String(out));
    }
  }

  public int port() {
    return port;
  }

  /** Creates a new, empty database and returns settings for it. */
  public IndexSettings newDatabase() {
    String name = "linnea_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "linnea", "");
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new IndexSettings("jdbc:postgresql://127.0.0.1:" + port + "/" + name, "linnea", "", 16);
  }

  @Override
  public synchronized void close() {
    ProcessHandle.of(pid).ifPresent(h -> {
      try {
        // SIGINT: PostgreSQL's fast shutdown.
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    });
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
