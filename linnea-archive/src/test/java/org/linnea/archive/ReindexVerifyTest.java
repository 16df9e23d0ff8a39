package org.linnea.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.linnea.index.Organisations;
import org.linnea.index.PostgresCluster;
import org.linnea.index.Query;
import org.linnea.store.FileSystemStore;

class ReindexVerifyTest {
  @TempDir Path dir;

  /** Answers to a set of queries at every level, as text, for comparing two indexes. */
  static List<String> answers(Archive a) {
    return answers(a, 1);
  }

  /** {@link #answers(Archive)} in organisation {@code org}: what its C-FIND and QIDO-RS queries see. */
  static List<String> answers(Archive a, long org) {
    List<Query> qs = List.of(
        Query.of(Level.PATIENT, org).returning(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
            Tag.NumberOfPatientRelatedStudies, Tag.NumberOfPatientRelatedSeries, Tag.NumberOfPatientRelatedInstances),
        Query.of(Level.STUDY, org).match(Tag.PatientName, "doe*").returning(Tag.StudyDate, Tag.AccessionNumber, Tag.ModalitiesInStudy,
            Tag.SOPClassesInStudy, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances, Tag.StudyDescription),
        Query.of(Level.STUDY, org).match(Tag.StudyDate, "20200101-20200630").returning(Tag.PatientID, Tag.StudyTime, Tag.ReferringPhysicianName),
        Query.of(Level.SERIES, org).returning(Tag.StudyInstanceUID, Tag.Modality, Tag.SeriesNumber, Tag.SeriesDescription, Tag.NumberOfSeriesRelatedInstances),
        Query.of(Level.IMAGE, org).returning(Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPClassUID, Tag.InstanceNumber));
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

  /**
   * Studies of organisations A and B (one object sent by both, one duplicate refused) come back
   * into their own organisations after the index database is deleted and rebuilt.
   */
  @Test
  void reindexRestoresEachOrganisationsStudiesOnH2() throws IOException {
    Archive.Settings settings = ArchiveFixture.settings(dir, DuplicatePolicy.REJECT);
    reindexKeepsOwnership(settings, settings, () -> {
      try (var walk = Files.walk(dir.resolve("index"))) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    });
  }

  @Test
  void reindexRestoresEachOrganisationsStudiesOnPostgresql() throws IOException {
    Archive.Settings first = new Archive.Settings(dir.resolve("store"), PostgresCluster.shared().newDatabase(), Index.DEFAULT_ORGANISATION,
        DuplicatePolicy.REJECT, 0, 2);
    // The database lost: the rebuild goes into a new, empty one.
    Archive.Settings rebuilt = new Archive.Settings(dir.resolve("store"), PostgresCluster.shared().newDatabase(), Index.DEFAULT_ORGANISATION,
        DuplicatePolicy.REJECT, 0, 2);
    reindexKeepsOwnership(first, rebuilt, () -> {});
  }

  interface Loss {
    void run() throws IOException;
  }

  private static void reindexKeepsOwnership(Archive.Settings first, Archive.Settings rebuilt, Loss loseDatabase) throws IOException {
    List<TestDicom.Spec> specs = TestDicom.archive(6, 3);
    List<String> beforeA;
    List<String> beforeB;
    List<String> beforeNode;
    try (Archive a = Archive.open(first)) {
      Organisations orgs = new Organisations(a.index().dataSource());
      long orgA = orgs.idOf("Radiology A");
      long orgB = orgs.idOf("Clinic B");
      int seed = 0;
      for (int k = 0; k < specs.size(); k++) {
        byte[] bytes = TestDicom.part10(specs.get(k), 2048, seed++);
        // A third of the instances to A, a third to B, a third to both (identical bytes, one object).
        if (k % 3 != 1) a.ingest().ingestFile(new ByteArrayInputStream(bytes), Source.importOf("a"), orgA);
        if (k % 3 != 0) a.ingest().ingestFile(new ByteArrayInputStream(bytes), Source.importOf("b"), orgB);
      }
      // B sends another version of one of its instances: refused (REJECT), so not B's after the rebuild either.
      assertThatThrownBy(() -> a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(specs.get(1), 2048, 777)), Source.importOf("b"), orgB))
          .isInstanceOf(IngestException.class);
      beforeA = answers(a, orgA);
      beforeB = answers(a, orgB);
      beforeNode = answers(a, Index.DEFAULT_ORGANISATION);
      assertThat(beforeA).isNotEqualTo(beforeB);
      assertThat(a.query().query(Query.of(Level.IMAGE, orgA))).hasSize(specs.size() * 2 / 3);
      assertThat(a.query().query(Query.of(Level.IMAGE, orgB))).hasSize(specs.size() * 2 / 3);
      assertThat(a.query().query(Query.of(Level.IMAGE, Index.DEFAULT_ORGANISATION))).isEmpty();
    }
    loseDatabase.run();
    try (Archive a = Archive.open(rebuilt)) {
      assertThat(a.index().counts()[3]).isZero();
      ReindexService.Report r = a.reindex(Progress.NONE);
      assertThat(r.failures()).isEmpty();
      Organisations orgs = new Organisations(a.index().dataSource());
      assertThat(answers(a, orgs.idOf("Radiology A"))).isEqualTo(beforeA);
      assertThat(answers(a, orgs.idOf("Clinic B"))).isEqualTo(beforeB);
      assertThat(answers(a, Index.DEFAULT_ORGANISATION)).isEqualTo(beforeNode);
      assertThat(a.verify(Progress.NONE).problems()).isEmpty();
      // The unique key the bulk load dropped (H2) is back: another copy of an instance is refused as before.
      try (var c = a.index().dataSource().getConnection(); var st = c.createStatement();
          var rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.table_constraints WHERE LOWER(constraint_name) = 'instance_identity'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      } catch (java.sql.SQLException e) {
        throw new AssertionError(e);
      }
      assertThatThrownBy(() -> a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(specs.get(0), 2048, 555)), Source.importOf("a"),
          orgs.idOf("Radiology A"))).isInstanceOf(IngestException.class);
      // The sweep after a rebuild finds nothing to do and keeps everyone's objects where they are.
      assertThat(a.recover().clean()).isTrue();
      assertThat(answers(a, orgs.idOf("Clinic B"))).isEqualTo(beforeB);
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
