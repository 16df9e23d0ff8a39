package org.linnea.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.Level;
import org.linnea.index.Matching;
import org.linnea.index.Organisations;
import org.linnea.index.PostgresCluster;
import org.linnea.index.Query;

class DeleteServiceTest {
  @TempDir Path dir;

  @Test
  void deleteRestoreAndPurgeOnH2() throws IOException {
    deleteRestoreAndPurge(ArchiveFixture.settings(dir, DuplicatePolicy.REJECT));
  }

  @Test
  void deleteRestoreAndPurgeOnPostgresql() throws IOException {
    deleteRestoreAndPurge(new Archive.Settings(dir.resolve("store"), PostgresCluster.shared().newDatabase(), Index.DEFAULT_ORGANISATION,
        DuplicatePolicy.REJECT, 0, 2));
  }

  private static List<Dataset> study(Archive a, long org, String uid) {
    return a.query().query(Query.of(Level.STUDY, org).match(Tag.StudyInstanceUID, new Matching.Single(uid))
        .returning(Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances, Tag.ModalitiesInStudy));
  }

  private static void deleteRestoreAndPurge(Archive.Settings settings) throws IOException {
    String s = "2.25.10.0";
    try (Archive a = Archive.open(settings)) {
      Organisations orgs = new Organisations(a.index().dataSource());
      long orgA = orgs.idOf("A");
      long orgB = orgs.idOf("B");
      int seed = 0;
      for (TestDicom.Spec spec : TestDicom.archive(2, 2)) {
        byte[] bytes = TestDicom.part10(spec, 512, seed++);
        a.ingest().ingestFile(new ByteArrayInputStream(bytes), Source.importOf("a"), orgA);
        // B holds the same bytes of one study: shared objects must survive A's deletion.
        if (spec.studyUid().equals(s)) a.ingest().ingestFile(new ByteArrayInputStream(bytes), Source.importOf("b"), orgB);
      }
      List<String> beforeA = ReindexVerifyTest.answers(a, orgA);
      List<String> beforeB = ReindexVerifyTest.answers(a, orgB);
      DeleteService d = a.deletions();

      // Another organisation's study, or none at all: nothing (the web answers 404).
      assertThat(d.delete(orgB, "2.25.10.1", null)).isEmpty();
      assertThat(d.delete(orgA, "2.25.99", null)).isEmpty();
      assertThat(d.delete(orgA, s, "2.25.99")).isEmpty();

      // One series: the study stays, with its counts and modalities following.
      DeleteService.Deleted series = d.delete(orgA, s, s + ".0").orElseThrow();
      assertThat(series.instances()).isEqualTo(2);
      assertThat(series.patientId()).isEqualTo("PID0");
      assertThat(study(a, orgA, s)).singleElement().satisfies(ds -> {
        assertThat(ds.getString(Tag.NumberOfStudyRelatedSeries)).contains("1");
        assertThat(ds.getString(Tag.NumberOfStudyRelatedInstances)).contains("2");
        assertThat(ds.getString(Tag.ModalitiesInStudy)).contains("MR");
      });

      // The rest of the study: gone for A, still B's.
      DeleteService.Deleted rest = d.delete(orgA, s, null).orElseThrow();
      assertThat(rest.instances()).isEqualTo(2);
      assertThat(study(a, orgA, s)).isEmpty();
      assertThat(ReindexVerifyTest.answers(a, orgB)).isEqualTo(beforeB);
      for (var i : a.retrieve().locate(Query.of(Level.IMAGE, orgB))) assertThat(a.store().stat(i.storeKey())).isPresent();
      assertThat(d.entries()).hasSize(2);
      assertThat(a.verify(Progress.NONE).problems()).isEmpty();

      // A rebuilt index does not bring the deleted study back.
      assertThat(a.reindex(Progress.NONE).failures()).isEmpty();
      orgA = orgs.idOf("A");
      assertThat(study(a, orgA, s)).isEmpty();
      assertThat(ReindexVerifyTest.answers(a, orgs.idOf("B"))).isEqualTo(beforeB);

      // Undo: both deletions back, the answers as before.
      DeleteService.Restored r = d.restore(s, "A");
      assertThat(r.failures()).isEmpty();
      assertThat(r.deletions()).isEqualTo(2);
      assertThat(r.objects()).isEqualTo(4);
      assertThat(ReindexVerifyTest.answers(a, orgA)).isEqualTo(beforeA);
      assertThat(d.entries()).isEmpty();
      assertThat(a.verify(Progress.NONE).problems()).isEmpty();

      // Past the retention, the trash is purged.
      d.delete(orgA, "2.25.11.1", null).orElseThrow();
      assertThat(d.purge(Duration.ofDays(30))).isZero();
      assertThat(d.purge(Duration.ZERO)).isEqualTo(1);
      assertThat(d.entries()).isEmpty();
      assertThat(a.verify(Progress.NONE).problems()).isEmpty();
    }
  }
}
