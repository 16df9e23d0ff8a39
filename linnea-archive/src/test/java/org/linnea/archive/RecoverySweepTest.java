package org.linnea.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Level;
import org.linnea.index.Query;

class RecoverySweepTest {
  @TempDir Path dir;

  static TestDicom.Spec spec(int n) {
    return new TestDicom.Spec("P" + n, "Sweep^Test", "2.25.9." + n, "20240101", "S" + n, "2.25.9." + n + ".1", "CT", "2.25.9." + n + ".1.1", 1);
  }

  @Test
  void objectsTheIndexMissedAreIndexedLeftoversQuarantinedLostObjectsReported() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REJECT)) {
      assertThat(a.recover().clean()).isTrue();
      a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(spec(1), 100, 1)), Source.importOf("x"));
      // A crash between store and index: the object is in the store and its owner in the journal, the index knows nothing.
      a.ownership().grant(a.store().put(new ByteArrayInputStream(TestDicom.part10(spec(2), 100, 2))).key(), 1);
      // A crash between store and journal: no owner recorded, never acknowledged.
      String unowned = a.store().put(new ByteArrayInputStream(TestDicom.part10(spec(4), 100, 5))).key();
      // A crash during a write: a temporary file.
      Files.write(dir.resolve("store/tmp/interrupted.tmp"), new byte[] {1, 2, 3});
      // A refused duplicate whose deletion a crash prevented.
      a.ownership().grant(a.store().put(new ByteArrayInputStream(TestDicom.part10(spec(1), 100, 3))).key(), 1);
      // An object lost behind the index's back.
      String lost = a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(spec(3), 100, 4)), Source.importOf("y")).object().key();
      a.store().delete(lost);

      RecoverySweep.Report r = a.recover();
      assertThat(r.quarantined()).hasSize(1);
      assertThat(r.indexed()).hasSize(1);
      assertThat(r.discarded()).hasSize(1);
      assertThat(r.setAside()).singleElement().asString().contains(unowned);
      assertThat(a.store().stat(unowned)).isEmpty();
      assertThat(dir.resolve("store/unowned/" + unowned + ".dcm")).exists();
      assertThat(r.missing()).singleElement().asString().contains("2.25.9.3.1.1");
      assertThat(a.query().query(Query.of(Level.STUDY, 1).match(Tag.PatientName, "sweep*"))).hasSize(3);

      // The next sweep starts from the mark: nothing new.
      RecoverySweep.Report again = a.recover();
      assertThat(again.since()).isNotNull();
      assertThat(again.indexed()).isEmpty();
      assertThat(again.quarantined()).isEmpty();
    }
  }

  @Test
  void anObjectOfTwoOrganisationsGetsTheRowItLost() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REJECT)) {
      assertThat(a.recover().clean()).isTrue();
      long b = new org.linnea.index.Organisations(a.index().dataSource()).idOf("B");
      String key = a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(spec(7), 100, 7)), Source.importOf("x")).object().key();
      // B sent the same bytes: its ownership was recorded, then a crash came before its index row.
      a.ownership().grant(key, b);
      assertThat(a.query().query(Query.of(Level.IMAGE, b))).isEmpty();
      RecoverySweep.Report r = a.recover();
      assertThat(r.indexed()).containsExactly(key);
      assertThat(a.query().query(Query.of(Level.IMAGE, b))).hasSize(1);
      assertThat(a.query().query(Query.of(Level.IMAGE, 1))).hasSize(1);
      assertThat(a.recover().indexed()).isEmpty();
    }
  }
}
