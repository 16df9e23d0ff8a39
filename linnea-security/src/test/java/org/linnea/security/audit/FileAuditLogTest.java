package org.linnea.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.audit.AuditVerification.Kind;
import org.linnea.security.testing.MutableClock;

class FileAuditLogTest {

  @TempDir Path dir;
  final MutableClock clock = new MutableClock();
  final AuditMessages messages = new AuditMessages(AuditSource.of("node1", "org1"), clock);

  private Path writeLog(int n) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (FileAuditLog log = FileAuditLog.open(file, new FileAuditLog.Settings(4, Duration.ofMillis(50)), clock)) {
      for (int i = 1; i <= n; i++) {
        clock.advance(Duration.ofMinutes(1));
        log.append(messages.retrieve(AuditMessagesTest.READER, "P" + (i % 3), "1.2." + i, true));
      }
    }
    return file;
  }

  @Test
  void chainVerifies() throws Exception {
    Path file = writeLog(10);
    AuditVerification v = FileAuditLog.verify(file);
    assertThat(v.intact()).as(v.summary()).isTrue();
    assertThat(v.records()).isEqualTo(10);
    assertThat(v.lastSeq()).isEqualTo(10);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).contains("\"prev\":\"" + AuditRecord.GENESIS + "\"");
    assertThat(lines.get(1)).contains("\"prev\":\"" + lines.get(0).substring(9, 73) + "\"");
  }

  @Test
  void reopenContinuesTheChain() throws Exception {
    Path file = writeLog(3);
    try (FileAuditLog log = FileAuditLog.open(file)) {
      assertThat(log.head().getKey()).isEqualTo(3);
      AuditRecord r = log.append(messages.applicationActivity(true));
      assertThat(r.seq()).isEqualTo(4);
      assertThat(log.verify().intact()).isTrue();
    }
  }

  @Test
  void oneWriterAtATime() throws Exception {
    Path file = dir.resolve("locked.jsonl");
    try (FileAuditLog log = FileAuditLog.open(file)) {
      log.append(messages.applicationActivity(true));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileAuditLog.open(file))
          .isInstanceOf(java.io.IOException.class).hasMessageContaining("open for writing elsewhere");
      assertThat(FileAuditLog.verify(file).intact()).isTrue();
    }
    try (FileAuditLog again = FileAuditLog.open(file)) {
      assertThat(again.head().getKey()).isEqualTo(1);
    }
  }

  @Test
  void changedRecordIsFound() throws Exception {
    Path file = writeLog(6);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(3, lines.get(3).replace("\"P1\"", "\"P9\""));
    assertThat(lines.get(3)).contains("P9");
    Files.write(file, lines);
    AuditVerification v = FileAuditLog.verify(file);
    assertThat(v.intact()).isFalse();
    assertThat(v.firstProblem().get().kind()).isEqualTo(Kind.CHANGED);
    assertThat(v.firstProblem().get().seq()).isEqualTo(4);
    assertThat(v.changed()).isEqualTo(1);
    assertThat(v.summary()).contains("CHANGED at record 4");
  }

  @Test
  void changedRecordWithRecomputedHashBreaksTheNextLink() throws Exception {
    Path file = writeLog(6);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String body = lines.get(2).substring(lines.get(2).indexOf("\"record\":") + 9, lines.get(2).length() - 1)
        .replace("\"P0\"", "\"P7\"");
    lines.set(2, "{\"hash\":\"" + FileAuditLog.sha256(body) + "\",\"record\":" + body + "}");
    Files.write(file, lines);
    AuditVerification v = FileAuditLog.verify(file);
    assertThat(v.firstProblem().get().kind()).isEqualTo(Kind.BROKEN_LINK);
    assertThat(v.firstProblem().get().seq()).isEqualTo(4);
    assertThat(v.changed()).isZero();
  }

  @Test
  void removedRecordIsFound() throws Exception {
    Path file = writeLog(6);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(2);
    lines.remove(2);
    Files.write(file, lines);
    AuditVerification v = FileAuditLog.verify(file);
    assertThat(v.firstProblem().get().kind()).isEqualTo(Kind.MISSING);
    assertThat(v.firstProblem().get().seq()).isEqualTo(3);
    assertThat(v.missing()).isEqualTo(2);
    assertThat(v.firstProblem().get().detail()).contains("2 record(s) from 3");
  }

  @Test
  void reorderedRecordsAreFound() throws Exception {
    Path file = writeLog(6);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String four = lines.get(3);
    lines.set(3, lines.get(4));
    lines.set(4, four);
    Files.write(file, lines);
    AuditVerification v = FileAuditLog.verify(file);
    assertThat(v.firstProblem().get().kind()).isEqualTo(Kind.REORDERED);
    assertThat(v.firstProblem().get().seq()).isEqualTo(4);
    assertThat(v.missing()).isZero();
    assertThat(v.reordered()).isPositive();
  }

  @Test
  void garbageLineIsFound() throws Exception {
    Path file = writeLog(3);
    Files.writeString(file, "hello\n", StandardOpenOption.APPEND);
    AuditVerification v = FileAuditLog.verify(file);
    assertThat(v.firstProblem().get().kind()).isEqualTo(Kind.MALFORMED);
    assertThat(v.firstProblem().get().line()).isEqualTo(4);
  }

  @Test
  void tornTailIsCutOnOpen() throws Exception {
    Path file = writeLog(3);
    Files.write(file, "{\"hash\":\"abc".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    try (FileAuditLog log = FileAuditLog.open(file)) {
      assertThat(log.append(messages.applicationActivity(true)).seq()).isEqualTo(4);
    }
    assertThat(FileAuditLog.verify(file).intact()).isTrue();
  }

  @Test
  void search() throws Exception {
    Path file = writeLog(9);
    try (FileAuditLog log = FileAuditLog.open(file, FileAuditLog.Settings.DEFAULT, clock)) {
      log.append(messages.login("alice", "10.0.0.1", true, null));
      assertThat(log.search("alice", null, null, null, null)).hasSize(1);
      assertThat(log.search("dr.who", null, null, null, null)).hasSize(9);
      assertThat(log.search(null, "P1", null, null, null)).extracting(AuditRecord::seq).containsExactly(1L, 4L, 7L);
      assertThat(log.search(null, null, "1.2.5", null, null)).extracting(AuditRecord::seq).containsExactly(5L);
      Instant t3 = Instant.parse("2026-11-29T12:03:00Z");
      Instant t6 = Instant.parse("2026-11-29T12:06:00Z");
      assertThat(log.search(null, null, null, t3, t6)).extracting(AuditRecord::seq).containsExactly(3L, 4L, 5L);
      assertThat(log.search(AuditQuery.all(2))).hasSize(2);
    }
  }

  @Test
  void concurrentAppendsKeepOneChain() throws Exception {
    Path file = dir.resolve("c.jsonl");
    try (FileAuditLog log = FileAuditLog.open(file)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th = new Thread(() -> {
          for (int i = 0; i < 200; i++) {
            log.append(messages.login("u", "h", true, null));
          }
        });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      AuditVerification v = log.verify();
      assertThat(v.intact()).as(v.summary()).isTrue();
      assertThat(v.records()).isEqualTo(800);
    }
  }
}
