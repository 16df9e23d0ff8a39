package org.linnea.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.IndexSettings;
import org.linnea.index.Level;
import org.linnea.index.PostgresCluster;
import org.linnea.index.Query;
import org.linnea.store.FileSystemStore;

class ReindexVerifyTest {
  @TempDir Path dir;

  /** Answers to a set of queries at every level, as text, for comparing two indexes. */
  static List<String> answers(Archive a) {
    List<Query> qs = List.of(
        Query.of(Level.PATIENT, 1).returning(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
            Tag.NumberOfPatientRelatedStudies, Tag.NumberOfPatientRelatedSeries, Tag.NumberOfPatientRelatedInstances),
        Query.of(Level.STUDY, 1).match(Tag.PatientName, "doe*").returning(Tag.StudyDate, Tag.AccessionNumber, Tag.ModalitiesInStudy,
            Tag.SOPClassesInStudy, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances, Tag.StudyDescription),
        Query.of(Level.STUDY, 1).match(Tag.StudyDate, "20200101-20200630").returning(Tag.PatientID, Tag.StudyTime, Tag.ReferringPhysicianName),
        Query.of(Level.SERIES, 1).returning(Tag.StudyInstanceUID, Tag.Modality, Tag.SeriesNumber, Tag.SeriesDescription, Tag.NumberOfSeriesRelatedInstances),
        Query.of(Level.IMAGE, 1).returning(Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPClassUID, Tag.InstanceNumber));
    List<String> out = new ArrayList<>();
    for (Query q : qs) {
      a.query().query(q).stream().map(Dataset::toString).sorted().forEach(out::add);
      out.add("--");
    }
    return out;
  }

  static void fill(Archive a) throws IOException {
    int seed = 0;
    for (TestDicom.Spec s : TestDicom.archive(6, 3)) {
      a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(s, 2048, seed++)), Source.importOf("gen"));
    }
  }

  @Test
  void reindexAfterDeletingTheDatabaseGivesTheSameAnswers() throws IOException {
    List<String> before;
    Archive.Settings settings = ArchiveFixture.settings(dir, DuplicatePolicy.REPLACE);
    try (Archive a = Archive.open(settings)) {
      fill(a);
      // A replaced instance: the newer copy must stay current after reindexing.
      TestDicom.Spec s = TestDicom.archive(6, 3).get(5);
      a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(s, 2048, 999)), Source.importOf("again"));
      before = answers(a);
      assertThat(a.index().counts()[3]).isEqualTo(6 * 2 * 2 * 3);
    }
    try (var walk = Files.walk(dir.resolve("index"))) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    try (Archive a = Archive.open(settings)) {
      assertThat(a.index().counts()[3]).isZero();
      List<long[]> progress = new ArrayList<>();
      ReindexService.Report r = a.reindex((done, total) -> progress.add(new long[] {done, total}));
      assertThat(r.objects()).isEqualTo(6 * 2 * 2 * 3 + 1);
      assertThat(r.failures()).isEmpty();
      assertThat(progress).isNotEmpty();
      assertThat(answers(a)).isEqualTo(before);
      assertThat(a.index().counts()[4]).isEqualTo(1);
      assertThat(a.verify(Progress.NONE).problems()).isEmpty();
      System.out.println("reindex (H2): " + r);
    }
  }

  @Test
  void reindexOnPostgresql() throws IOException {
    IndexSettings pg = PostgresCluster.shared().newDatabase();
    Archive.Settings settings = new Archive.Settings(dir.resolve("store"), pg, Index.DEFAULT_ORGANISATION, DuplicatePolicy.REJECT, 0, 2);
    List<String> before;
    try (Archive a = Archive.open(settings)) {
      fill(a);
      before = answers(a);
    }
    try (Archive a = Archive.open(settings)) {
      ReindexService.Report r = a.reindex(Progress.NONE);
      assertThat(r.failures()).isEmpty();
      assertThat(answers(a)).isEqualTo(before);
    }
  }

  @Test
  void verifyFindsChangedMissingAndUnindexedObjects() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REJECT)) {
      fill(a);
      assertThat(a.verify(Progress.NONE).ok()).isTrue();
      FileSystemStore store = (FileSystemStore) a.store();
      var instances = a.retrieve().locate(Level.STUDY, "2.25.10.0");
      Path changed = store.pathOf(instances.get(0).storeKey());
      Path missing = store.pathOf(instances.get(1).storeKey());
      changed.toFile().setWritable(true);
      try (RandomAccessFile f = new RandomAccessFile(changed.toFile(), "rw")) {
        f.seek(f.length() - 10);
        int b = f.read();
        f.seek(f.length() - 10);
        f.write(b ^ 0xFF);
      }
      Files.delete(missing);
      String stray = store.put(new ByteArrayInputStream("stray bytes".getBytes())).key();

      VerifyService.Report r = a.verify(Progress.NONE);
      assertThat(r.ok()).isFalse();
      assertThat(r.problems()).hasSize(3);
      assertThat(r.problems()).anySatisfy(p -> {
        assertThat(p.kind()).isEqualTo(VerifyService.Problem.Kind.CHANGED);
        assertThat(p.location()).isEqualTo(changed.toString());
        assertThat(p.sopInstanceUid()).isEqualTo(instances.get(0).sopInstanceUid());
      });
      assertThat(r.problems()).anySatisfy(p -> {
        assertThat(p.kind()).isEqualTo(VerifyService.Problem.Kind.MISSING);
        assertThat(p.location()).isEqualTo(missing.toString());
      });
      assertThat(r.problems()).anySatisfy(p -> {
        assertThat(p.kind()).isEqualTo(VerifyService.Problem.Kind.UNINDEXED);
        assertThat(p.location()).isEqualTo(store.pathOf(stray).toString());
      });
    }
  }
}
