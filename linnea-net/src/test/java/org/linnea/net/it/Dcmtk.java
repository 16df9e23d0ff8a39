package org.linnea.net.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs DCMTK command-line tools (with TCP_NODELAY=1, see STACK.md) for integration tests. */
public final class Dcmtk {
  private Dcmtk() {}

  public static final Path TEST_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  public record Result(int exitCode, String output) {}

  private static ProcessBuilder builder(List<String> cmd, Path log) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TCP_NODELAY", "1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb;
  }

  /** Runs a tool to completion (killing it after {@code timeoutSeconds}). */
  public static Result run(int timeoutSeconds, String... cmd) throws IOException, InterruptedException {
    Path log = Files.createTempFile("dcmtk", ".log");
    try {
      Process p = builder(Arrays.asList(cmd), log).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor();
        return new Result(-1, "timed out: " + String.join(" ", cmd) + "\n" + Files.readString(log, StandardCharsets.ISO_8859_1));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** A long-running DCMTK server; {@link #close()} ends exactly this process. */
  public static final class Server implements AutoCloseable {
    private final Process process;
    public final Path log;

    Server(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    public String output() throws IOException {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  /** Starts a server and waits until {@code port} accepts connections. */
  public static Server start(int port, Path dir, String... cmd) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "server", ".log");
    ProcessBuilder pb = builder(new ArrayList<>(Arrays.asList(cmd)), log);
    pb.directory(dir.toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("server exited: " + Files.readString(log));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return new Server(p, log);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IOException("server did not listen on " + port + ": " + Files.readString(log));
  }

  /** An empty folder under the module's target (kept after the run for inspection). */
  public static Path cleanDir(String path) throws IOException {
    Path p = Path.of(path).toAbsolutePath();
    if (Files.exists(p)) {
      try (var s = Files.walk(p)) {
        for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    return Files.createDirectories(p);
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** SHA-256 of the data set of a Part 10 file (the bytes after its file meta information). */
  public static String dataSetHash(Path file) throws IOException {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(dataSetBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hashes of the data sets of every file in a folder except logs. */
  public static List<String> dataSetHashes(Path dir) throws IOException {
    List<String> l = new ArrayList<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.filter(f -> !f.toString().endsWith(".log")).toList()) {
        l.add(dataSetHash(p));
      }
    }
    return l;
  }

  /** The bytes of a Part 10 file after its file meta information. */
  public static byte[] dataSetBytes(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    if (b.length > 144 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') {
      int gl = (b[140] & 0xFF) | (b[141] & 0xFF) << 8 | (b[142] & 0xFF) << 16 | (b[143] & 0xFF) << 24;
      return Arrays.copyOfRange(b, 144 + gl, b.length);
    }
    return b;
  }
}
