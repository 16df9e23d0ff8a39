package org.linnea.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks that every write it acknowledged is there and
 * every object under its key is whole. (A process kill, not a power cut: the page cache survives;
 * what this checks is that nothing half-written is ever visible and that acknowledgement comes
 * after the rename.)
 */
class StoreCrashTest {
  @TempDir Path dir;

  /** The child: writes objects from 4 threads forever, printing each key once committed. */
  public static void main(String[] args) throws Exception {
    FileSystemStore store = FileSystemStore.open(Path.of(args[0]));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int seed = t;
      threads.add(Thread.ofPlatform().start(() -> {
        Random r = new Random(seed);
        try {
          while (true) {
            byte[] b = new byte[1000 + r.nextInt(300_000)];
            r.nextBytes(b);
            StoredObject o = store.put(new ByteArrayInputStream(b));
            synchronized (System.out) {
              System.out.println("ACK " + o.key() + " " + o.size());
              System.out.flush();
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
        }
      }));
    }
    for (Thread t : threads) t.join();
  }

  @Test
  void killedWriterLosesNothingAcknowledgedAndLeavesNothingTorn() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreCrashTest.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Set<String> acked = new HashSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("ACK ")) acked.add(line.split(" ")[1]);
        if (acked.size() >= 300) {
          Runtime.getRuntime().exec(new String[] {"kill", "-9", Long.toString(p.pid())}).waitFor();
          break;
        }
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      Set<String> present = new HashSet<>();
      store.forEachKey(present::add);
      assertThat(present).containsAll(acked);
      for (String k : present) {
        try (InputStream in = store.open(k)) {
          assertThat(Sha256.of(in).hex()).as("object %s is whole", k).isEqualTo(k);
        }
      }
      List<String> leftovers = store.quarantineLeftovers();
      System.out.printf("acknowledged %d, present %d, leftovers quarantined %d%n", acked.size(), present.size(), leftovers.size());
      assertThat(Files.list(dir.resolve("tmp")).count()).isZero();
    }
  }
}
