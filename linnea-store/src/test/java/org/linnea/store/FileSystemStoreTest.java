package org.linnea.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStoreTest {
  @TempDir Path dir;

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void putNamesTheObjectByItsSha256AndReadsItBack() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      byte[] data = bytes(200_000, 1);
      StoredObject o = store.put(new ByteArrayInputStream(data));
      assertThat(o.size()).isEqualTo(data.length);
      assertThat(o.key()).isEqualTo(Sha256.of(new ByteArrayInputStream(data)).hex()).isEqualTo(o.sha256());
      assertThat(store.pathOf(o.key())).exists()
          .satisfies(p -> assertThat(dir.relativize(p).toString()).isEqualTo("objects/" + o.key().substring(0, 2) + "/" + o.key().substring(2, 4) + "/" + o.key()));
      try (InputStream in = store.open(o.key())) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      try (InputStream in = store.openRange(o.key(), 1000, 50)) {
        assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 1050));
      }
      try (InputStream in = store.openRange(o.key(), data.length - 10, 50)) {
        assertThat(in.readAllBytes()).hasSize(10);
      }
      assertThat(store.stat(o.key())).get().extracting(StoredObject::size).isEqualTo((long) data.length);
      assertThat(store.tmpCount()).isZero();
      assertThat(store.delete(o.key())).isTrue();
      assertThat(store.delete(o.key())).isFalse();
      assertThat(store.stat(o.key())).isEmpty();
      assertThatThrownBy(() -> store.open(o.key())).isInstanceOf(ObjectNotFoundException.class);
    }
  }

  @Test
  void sameBytesTwiceIsOneObject() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      StoredObject a = store.put(new ByteArrayInputStream(bytes(1000, 2)));
      StoredObject b = store.put(new ByteArrayInputStream(bytes(1000, 2)));
      assertThat(b.key()).isEqualTo(a.key());
      List<String> keys = new ArrayList<>();
      store.forEachKey(keys::add);
      assertThat(keys).containsExactly(a.key());
    }
  }

  @Test
  void aWriteThatFailsHalfWayLeavesNothingVisible() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      InputStream failing = new InputStream() {
        int n;

        @Override
        public int read() throws IOException {
          if (++n > 100_000) throw new IOException("connection reset");
          return n & 0xFF;
        }
      };
      assertThatThrownBy(() -> store.put(failing)).hasMessage("connection reset");
      List<String> keys = new ArrayList<>();
      store.forEachKey(keys::add);
      assertThat(keys).isEmpty();
      assertThat(store.tmpCount()).isZero();
    }
  }

  @Test
  void uncommittedUploadIsDiscardedOnClose() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      try (ObjectStore.Upload u = store.begin()) {
        u.write(bytes(5000, 3));
        assertThat(store.tmpCount()).isEqualTo(1);
      }
      assertThat(store.tmpCount()).isZero();
      List<String> keys = new ArrayList<>();
      store.forEachKey(keys::add);
      assertThat(keys).isEmpty();
    }
  }

  /**
   * An object is linked under its key before its data is forced; a crash before the forces end
   * leaves its "linking" name in tmp. At start-up the object is kept if it hashes to its key and
   * moved to quarantine if not (its data never reached the disk; it was never acknowledged).
   */
  @Test
  void anObjectCutBeforeItsForceIsKeptWhenWholeAndQuarantinedWhenTorn() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      StoredObject whole = store.put(new ByteArrayInputStream(bytes(100_000, 5)));
      StoredObject torn = store.put(new ByteArrayInputStream(bytes(100_000, 6)));
      Path tmp = dir.resolve("tmp");
      Files.createLink(tmp.resolve(whole.key() + ".a.tmp" + FileSystemStore.LINKING), store.pathOf(whole.key()));
      Files.createLink(tmp.resolve(torn.key() + ".b.tmp" + FileSystemStore.LINKING), store.pathOf(torn.key()));
      Files.write(store.pathOf(torn.key()), new byte[100_000]); // what a power loss may leave: the size, no data

      List<String> moved = store.quarantineLeftovers();

      assertThat(moved).singleElement().asString().contains(torn.key()).contains("does not match its key");
      assertThat(store.stat(torn.key())).isEmpty();
      assertThat(store.stat(whole.key())).isPresent();
      try (InputStream in = store.open(whole.key())) {
        assertThat(in.readAllBytes()).isEqualTo(bytes(100_000, 5));
      }
      assertThat(store.tmpCount()).isZero();
      List<String> keys = new ArrayList<>();
      store.forEachKey(keys::add);
      assertThat(keys).containsExactly(whole.key());
    }
  }

  @Test
  void aWriteOfBytesAlreadyStoredLeavesTheStoredObjectInPlace() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      byte[] data = bytes(50_000, 7);
      StoredObject first = store.put(new ByteArrayInputStream(data));
      try (ObjectStore.Upload u = store.begin()) {
        u.write(data);
        assertThat(u.seal().key()).isEqualTo(first.key());
        assertThatThrownBy(() -> u.write(1)).isInstanceOf(StoreException.class);
        assertThat(u.commit().key()).isEqualTo(first.key());
      }
      try (InputStream in = store.open(first.key())) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      assertThat(store.tmpCount()).isZero();
    }
  }

  @Test
  void keysAreCheckedSoNoPathEscapesTheStore() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.open("A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void leftoversOfInterruptedWritesAreQuarantined() throws IOException {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      Files.write(dir.resolve("tmp").resolve("crashed.tmp"), bytes(77, 4));
      List<String> moved = store.quarantineLeftovers();
      assertThat(moved).singleElement().asString().contains("crashed.tmp").contains("77 bytes");
      assertThat(store.tmpCount()).isZero();
      try (var s = Files.list(dir.resolve("quarantine"))) {
        assertThat(s.toList()).hasSize(1);
      }
    }
  }

  @Test
  void keysSinceSkipsDirectoriesUnchangedSinceThen() throws Exception {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      StoredObject old = store.put(new ByteArrayInputStream(bytes(100, 5)));
      Files.setLastModifiedTime(store.pathOf(old.key()).getParent(), java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
      Instant mark = Instant.now().minusSeconds(5);
      StoredObject recent;
      do { // a key in another fan directory than the old one
        recent = store.put(new ByteArrayInputStream(bytes(100, System.nanoTime())));
      } while (recent.key().substring(0, 4).equals(old.key().substring(0, 4)));
      Set<String> since = new HashSet<>();
      store.forEachKeySince(mark, since::add);
      assertThat(since).contains(recent.key()).doesNotContain(old.key());
    }
  }

  @Test
  void concurrentWritersShareDirectoryForces() throws Exception {
    try (FileSystemStore store = FileSystemStore.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<StoredObject>> futures = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int seed = i;
        futures.add(pool.submit(() -> store.put(new ByteArrayInputStream(bytes(4096, 1000 + seed)))));
      }
      Set<String> keys = new HashSet<>();
      for (Future<StoredObject> f : futures) keys.add(f.get().key());
      pool.shutdown();
      assertThat(keys).hasSize(400);
      for (String k : keys) {
        try (InputStream in = store.open(k)) {
          assertThat(Sha256.of(in).hex()).isEqualTo(k);
        }
      }
      long[] c = store.syncCounters();
      assertThat(c[1]).isGreaterThanOrEqualTo(400);
      System.out.printf("directory forces: %d batches for %d requests%n", c[0], c[1]);
    }
  }
}
