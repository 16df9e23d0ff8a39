package org.linnea.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnershipJournalTest {
  @TempDir Path dir;

  private static String key(int n) {
    return String.format("%064x", n);
  }

  @Test
  void grantsAndRevocationsSurviveReopeningAndNamesAreEncoded() throws IOException {
    Path file = dir.resolve("ownership.journal");
    try (OwnershipJournal j = OwnershipJournal.open(file)) {
      assertThat(j.isNew()).isTrue();
      j.grant(key(1), "Radiology North");
      j.grant(key(2), "Clinic B");
      j.grant(key(2), "Radiology North");
      j.grant(key(3), "odd name\nwith break % + and ü");
      j.revoke(key(2), "Clinic B");
      j.grant(key(4), "A");
      j.revoke(key(4), "A");
    }
    try (OwnershipJournal j = OwnershipJournal.open(file)) {
      assertThat(j.isNew()).isFalse();
      assertThat(j.owners()).isEqualTo(Map.of(key(1), Set.of("Radiology North"), key(2), Set.of("Radiology North"),
          key(3), Set.of("odd name\nwith break % + and ü")));
    }
    assertThat(Files.readAllLines(file, UTF_8)).hasSize(8).allSatisfy(l -> assertThat(l).doesNotContain("\n"));
  }

  @Test
  void aTornLastRecordIsCutAndADamagedOneSkipped() throws IOException {
    Path file = dir.resolve("ownership.journal");
    try (OwnershipJournal j = OwnershipJournal.open(file)) {
      j.grant(key(1), "A");
      j.grant(key(2), "A");
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file, UTF_8));
    lines.set(1, lines.get(1).replace("+ ", "- ")); // the CRC no longer matches
    Files.writeString(file, String.join("\n", lines) + "\n+ " + key(3) + " A 0000", UTF_8);
    try (OwnershipJournal j = OwnershipJournal.open(file)) {
      assertThat(Files.readString(file, UTF_8)).endsWith("\n").doesNotContain(key(3));
      j.grant(key(4), "B");
      assertThat(j.owners()).isEqualTo(Map.of(key(2), Set.of("A"), key(4), Set.of("B")));
    }
  }

  @Test
  void concurrentWritersAllGetTheirRecords() throws Exception {
    Path file = dir.resolve("ownership.journal");
    try (OwnershipJournal j = OwnershipJournal.open(file)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int base = t * 100;
        threads.add(Thread.ofPlatform().start(() -> {
          for (int n = 0; n < 50; n++) {
            try {
              j.grant(key(base + n), "org" + (base % 3));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }));
      }
      for (Thread t : threads) t.join();
      assertThat(j.owners()).hasSize(400);
    }
  }
}
