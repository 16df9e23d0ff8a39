package org.linnea.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;

/**
 * What the index promises, run against each database (H2 and PostgreSQL subclasses): matching of
 * every kind, case-insensitive names, date and time ranges, UID lists, computed attributes, pages,
 * duplicate policies and concurrent ingest of one study.
 */
abstract class IndexContract {
  Index index;

  abstract Index open();

  /** Settings of another, empty database of the same kind. */
  abstract IndexSettings fresh();

  static final long ORG = Index.DEFAULT_ORGANISATION;

  @BeforeEach
  void fill() {
    index = open();
    List<InstanceRecord> rs = new ArrayList<>();
    for (int k = 1; k <= 3; k++) rs.add(Instances.make("P1", "Doe^John", "1.1", "20200115", "101500", "A100", "1.1.1", "CT", "1.1.1." + k));
    for (int k = 1; k <= 2; k++) rs.add(Instances.make("P1", "Doe^John", "1.1", "20200115", "101500", "A100", "1.1.2", "MR", "1.1.2." + k));
    rs.add(Instances.make("P1", "Doe^John", "1.2", "20210601", "230000", "A200", "1.2.1", "CT", "1.2.1.1"));
    rs.add(Instances.make("P2", "DOE^Jane", "2.1", "20200301", "080000", "B300", "2.1.1", "US", "2.1.1.1"));
    rs.add(Instances.make("P3", "Müller^Anna", "3.1", "20191231", null, "A%_1", "3.1.1", "CT", "3.1.1.1"));
    rs.add(Instances.make("P4", "Smith^Bob", "4.1", null, null, null, "4.1.1", "OT", "4.1.1.1"));
    for (InstanceRecord r : rs) {
      assertThat(index.ingest(r, DuplicatePolicy.REJECT)).isEqualTo(IngestOutcome.STORED);
    }
  }

  @AfterEach
  void close() {
    index.close();
  }

  List<String> values(Query q, int tag) {
    return index.query(q).stream().map(d -> d.getString(tag).orElse("")).toList();
  }

  Query patients() {
    return Query.of(Level.PATIENT, ORG).returning(Tag.PatientName, Tag.PatientID);
  }

  Query studies() {
    return Query.of(Level.STUDY, ORG).returning(Tag.StudyInstanceUID);
  }

  @Test
  void personNamesMatchCaseInsensitivelyWithWildcards() {
    assertThat(values(patients().match(Tag.PatientName, "doe*"), Tag.PatientID)).containsExactlyInAnyOrder("P1", "P2");
    assertThat(values(patients().match(Tag.PatientName, "DOE^JOHN"), Tag.PatientID)).containsExactly("P1");
    assertThat(values(patients().match(Tag.PatientName, "doe^john"), Tag.PatientID)).containsExactly("P1");
    assertThat(values(patients().match(Tag.PatientName, "d?e^jo*"), Tag.PatientID)).containsExactly("P1");
    assertThat(values(patients().match(Tag.PatientName, "*e^Ja*"), Tag.PatientID)).containsExactly("P2");
    assertThat(values(patients().match(Tag.PatientName, "Doe"), Tag.PatientID)).isEmpty();
    // Returned as stored, not normalised.
    assertThat(values(patients().match(Tag.PatientName, "doe*"), Tag.PatientName)).containsExactlyInAnyOrder("Doe^John", "DOE^Jane");
  }

  @Test
  void nonAsciiNamesMatchAndComeBackInUtf8() {
    List<Dataset> r = index.query(patients().match(Tag.PatientName, "müller*"));
    assertThat(r).hasSize(1);
    assertThat(r.getFirst().getString(Tag.SpecificCharacterSet)).contains("ISO_IR 192");
    assertThat(r.getFirst().getString(Tag.PatientName)).contains("Müller^Anna");
  }

  @Test
  void dateRangesAndSingleDates() {
    assertThat(values(studies().match(Tag.StudyDate, "20200101-20201231"), Tag.StudyInstanceUID)).containsExactlyInAnyOrder("1.1", "2.1");
    assertThat(values(studies().match(Tag.StudyDate, "-20191231"), Tag.StudyInstanceUID)).containsExactly("3.1");
    assertThat(values(studies().match(Tag.StudyDate, "20210101-"), Tag.StudyInstanceUID)).containsExactly("1.2");
    assertThat(values(studies().match(Tag.StudyDate, "20200115"), Tag.StudyInstanceUID)).containsExactly("1.1");
    assertThat(values(studies().match(Tag.StudyDate, "2020.03.01"), Tag.StudyInstanceUID)).containsExactly("2.1");
    assertThatThrownBy(() -> index.query(studies().match(Tag.StudyDate, "2020-13-45x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeRangesMatchToThePrecisionGiven() {
    assertThat(values(studies().match(Tag.StudyTime, "0800-1100"), Tag.StudyInstanceUID)).containsExactlyInAnyOrder("1.1", "2.1");
    assertThat(values(studies().match(Tag.StudyTime, "10"), Tag.StudyInstanceUID)).containsExactly("1.1");
    assertThat(values(studies().match(Tag.StudyTime, "2200-"), Tag.StudyInstanceUID)).containsExactly("1.2");
    assertThat(values(studies().match(Tag.StudyTime, "-0800"), Tag.StudyInstanceUID)).containsExactly("2.1");
    assertThat(values(studies().returning(Tag.StudyTime).match(Tag.StudyInstanceUID, "1.1"), Tag.StudyTime)).containsExactly("101500");
  }

  @Test
  void uidListsAndWildcardEscapes() {
    assertThat(values(studies().match(Tag.StudyInstanceUID, "1.1\\2.1\\9.9"), Tag.StudyInstanceUID)).containsExactlyInAnyOrder("1.1", "2.1");
    assertThat(values(studies().match(Tag.AccessionNumber, "A%*"), Tag.StudyInstanceUID)).containsExactly("3.1");
    assertThat(values(studies().match(Tag.AccessionNumber, "A?00"), Tag.StudyInstanceUID)).containsExactlyInAnyOrder("1.1", "1.2");
    assertThat(values(studies().match(Tag.AccessionNumber, "A_00"), Tag.StudyInstanceUID)).isEmpty();
  }

  @Test
  void hostileValuesAreParametersNotSql() {
    assertThat(index.query(patients().match(Tag.PatientName, "x'; DROP TABLE patient; --"))).isEmpty();
    assertThat(index.query(patients().match(Tag.PatientID, "' OR '1'='1"))).isEmpty();
    assertThat(index.query(patients())).hasSize(4);
  }

  @Test
  void modalitiesInStudyMatchesThroughTheSeries() {
    assertThat(values(studies().match(Tag.ModalitiesInStudy, "MR"), Tag.StudyInstanceUID)).containsExactly("1.1");
    assertThat(values(studies().match(Tag.ModalitiesInStudy, "CT\\US"), Tag.StudyInstanceUID)).containsExactlyInAnyOrder("1.1", "1.2", "2.1", "3.1");
    assertThat(values(studies().match(Tag.ModalitiesInStudy, "O*"), Tag.StudyInstanceUID)).containsExactly("4.1");
  }

  @Test
  void computedAttributes() {
    Dataset s = index.query(studies().match(Tag.StudyInstanceUID, "1.1")
        .returning(Tag.ModalitiesInStudy, Tag.SOPClassesInStudy, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances)).getFirst();
    assertThat(s.getStrings(Tag.ModalitiesInStudy)).containsExactly("CT", "MR");
    assertThat(s.getStrings(Tag.SOPClassesInStudy)).containsExactly("1.2.840.10008.5.1.4.1.1.2");
    assertThat(s.getInt(Tag.NumberOfStudyRelatedSeries)).hasValue(2);
    assertThat(s.getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(5);
    Dataset p = index.query(patients().match(Tag.PatientID, "P1")
        .returning(Tag.NumberOfPatientRelatedStudies, Tag.NumberOfPatientRelatedSeries, Tag.NumberOfPatientRelatedInstances)).getFirst();
    assertThat(p.getInt(Tag.NumberOfPatientRelatedStudies)).hasValue(2);
    assertThat(p.getInt(Tag.NumberOfPatientRelatedSeries)).hasValue(3);
    assertThat(p.getInt(Tag.NumberOfPatientRelatedInstances)).hasValue(6);
    Dataset se = index.query(Query.of(Level.SERIES, ORG).match(Tag.StudyInstanceUID, "1.1").match(Tag.Modality, "CT")
        .returning(Tag.SeriesInstanceUID, Tag.NumberOfSeriesRelatedInstances, Tag.SeriesNumber)).getFirst();
    assertThat(se.getString(Tag.SeriesInstanceUID)).contains("1.1.1");
    assertThat(se.getInt(Tag.NumberOfSeriesRelatedInstances)).hasValue(3);
    assertThat(se.getInt(Tag.SeriesNumber)).hasValue(1);
  }

  @Test
  void seriesAndImageLevels() {
    assertThat(index.query(Query.of(Level.SERIES, ORG).match(Tag.StudyInstanceUID, "1.1"))).hasSize(2);
    List<Dataset> images = index.query(Query.of(Level.IMAGE, ORG).match(Tag.SeriesInstanceUID, "1.1.1").returning(Tag.SOPClassUID, Tag.InstanceNumber));
    assertThat(images).hasSize(3);
    assertThat(images.getFirst().getString(Tag.SOPClassUID)).contains("1.2.840.10008.5.1.4.1.1.2");
    assertThat(images.getFirst().getString(Tag.QueryRetrieveLevel)).contains("IMAGE");
  }

  @Test
  void unknownReturnKeysComeBackEmpty() {
    Dataset d = index.query(studies().match(Tag.StudyInstanceUID, "1.1").returning(Tag.StudyDescription, Tag.PatientAge, Tag.ReferencedStudySequence)).getFirst();
    assertThat(d.contains(Tag.PatientAge)).isTrue();
    assertThat(d.getString(Tag.PatientAge)).isEmpty();
    assertThat(d.getString(Tag.StudyDescription)).contains("Study 1.1");
  }

  @Test
  void pages() {
    assertThat(index.query(studies().page(2, 0))).hasSize(2);
    assertThat(index.query(studies().page(2, 4))).hasSize(1);
    assertThat(index.query(studies().page(0, 3))).hasSize(2);
    assertThat(index.count(studies().page(1, 1))).isEqualTo(5);
  }

  @Test
  void cfindIdentifiers() {
    Dataset id = new Dataset();
    id.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
    id.setString(Tag.PatientName, VR.PN, "DOE*");
    id.setString(Tag.StudyDate, VR.DA, "20200101-20200131");
    id.setNull(Tag.StudyInstanceUID, VR.UI);
    id.setNull(Tag.NumberOfStudyRelatedInstances, VR.IS);
    List<Dataset> r = index.query(Query.fromIdentifier(id, ORG));
    assertThat(r).hasSize(1);
    assertThat(r.getFirst().getString(Tag.StudyInstanceUID)).contains("1.1");
    assertThat(r.getFirst().getString(Tag.PatientName)).contains("Doe^John");
    assertThat(r.getFirst().getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(5);
  }

  @Test
  void locateFindsTheInstancesBelow() {
    assertThat(index.locate(studies().match(Tag.StudyInstanceUID, "1.1"))).hasSize(5);
    assertThat(index.locate(Query.of(Level.SERIES, ORG).match(Tag.SeriesInstanceUID, "1.1.2\\2.1.1"))).hasSize(3);
    assertThat(index.locate(Query.of(Level.PATIENT, ORG).match(Tag.PatientID, "P1"))).hasSize(6);
    assertThat(index.instance(ORG, "2.1.1.1")).get().extracting(InstanceLocation::studyUid).isEqualTo("2.1");
  }

  @Test
  void duplicatePolicies() {
    InstanceRecord orig = index.instance(ORG, "2.1.1.1").map(l -> Instances.make("P2", "DOE^Jane", "2.1", "20200301", "080000", "B300", "2.1.1", "US", "2.1.1.1")).orElseThrow();
    InstanceRecord same = Instances.withSha(orig, orig.sha256(), Instant.now());
    InstanceRecord other = Instances.withSha(orig, "f".repeat(64), Instant.now());
    assertThatThrownBy(() -> index.ingest(same, DuplicatePolicy.REJECT)).isInstanceOf(DuplicateInstanceException.class);
    assertThat(index.ingest(same, DuplicatePolicy.ACCEPT_IF_IDENTICAL)).isEqualTo(IngestOutcome.IDENTICAL);
    assertThatThrownBy(() -> index.ingest(other, DuplicatePolicy.ACCEPT_IF_IDENTICAL)).isInstanceOf(DuplicateInstanceException.class)
        .hasMessageContaining("other content");
    IngestOutcome replaced = index.ingest(other, DuplicatePolicy.REPLACE);
    assertThat(replaced.kind()).isEqualTo(IngestOutcome.Kind.REPLACED);
    assertThat(replaced.previousKey()).contains(orig.storeKey());
    assertThat(index.instance(ORG, "2.1.1.1")).get().extracting(InstanceLocation::sha256).isEqualTo("f".repeat(64));
    assertThat(index.isReferenced(orig.storeKey())).isTrue();
    long[] c = index.counts();
    assertThat(c[3]).isEqualTo(9);
    assertThat(c[4]).isEqualTo(1);
    // An older copy seen later (reindex) stays an earlier version.
    InstanceRecord older = Instances.withSha(orig, "e".repeat(64), Instant.parse("2001-01-01T00:00:00Z"));
    assertThat(index.ingest(older, DuplicatePolicy.KEEP_NEWEST).kind()).isEqualTo(IngestOutcome.Kind.KEPT_AS_EARLIER_VERSION);
    assertThat(index.instance(ORG, "2.1.1.1")).get().extracting(InstanceLocation::sha256).isEqualTo("f".repeat(64));
    assertThat(index.query(studies().match(Tag.StudyInstanceUID, "2.1").returning(Tag.NumberOfStudyRelatedInstances)).getFirst()
        .getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(1);
  }

  @Test
  void concurrentStoresOfOneNewStudy() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<IngestOutcome>> fs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      fs.add(pool.submit(() -> {
        IngestOutcome last = null;
        for (int k = 0; k < 25; k++) {
          last = index.ingest(Instances.make("P9", "New^Patient", "9.1", "20240101", "120000", "N1", "9.1." + (k % 3), "CT", "9.1.x." + thread + "." + k),
              DuplicatePolicy.REJECT);
        }
        return last;
      }));
    }
    for (Future<IngestOutcome> f : fs) assertThat(f.get()).isEqualTo(IngestOutcome.STORED);
    pool.shutdown();
    Dataset s = index.query(studies().match(Tag.StudyInstanceUID, "9.1").returning(Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances)).getFirst();
    assertThat(s.getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(200);
    assertThat(s.getInt(Tag.NumberOfStudyRelatedSeries)).hasValue(3);
    Dataset p = index.query(patients().match(Tag.PatientID, "P9").returning(Tag.NumberOfPatientRelatedStudies, Tag.NumberOfPatientRelatedInstances)).getFirst();
    assertThat(p.getInt(Tag.NumberOfPatientRelatedStudies)).hasValue(1);
    assertThat(p.getInt(Tag.NumberOfPatientRelatedInstances)).hasValue(200);
  }

  @Test
  void groupCommitAnswersEachRequestAndKeepsStudyListsCurrent() throws Exception {
    List<CompletableFuture<IngestOutcome>> fs = new ArrayList<>();
    CompletableFuture<IngestOutcome> duplicate = null;
    for (int k = 0; k < 300; k++) {
      fs.add(index.ingestAsync(Instances.make("P1", "Doe^John", "1.1", "20200115", "101500", "A100", "1.1.3", "PT", "1.1.3." + k), DuplicatePolicy.REJECT));
      if (k == 150) duplicate = index.ingestAsync(Instances.make("P1", "Doe^John", "1.1", "20200115", "101500", "A100", "1.1.1", "CT", "1.1.1.1"), DuplicatePolicy.REJECT);
    }
    for (CompletableFuture<IngestOutcome> f : fs) assertThat(f.get()).isEqualTo(IngestOutcome.STORED);
    CompletableFuture<IngestOutcome> refused = duplicate;
    assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(DuplicateInstanceException.class);
    Dataset s = index.query(studies().match(Tag.StudyInstanceUID, "1.1")
        .returning(Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances)).getFirst();
    assertThat(s.getStrings(Tag.ModalitiesInStudy)).containsExactly("CT", "MR", "PT");
    assertThat(s.getInt(Tag.NumberOfStudyRelatedSeries)).hasValue(3);
    assertThat(s.getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(305);
    Dataset p = index.query(patients().match(Tag.PatientID, "P1").returning(Tag.NumberOfPatientRelatedSeries, Tag.NumberOfPatientRelatedInstances)).getFirst();
    assertThat(p.getInt(Tag.NumberOfPatientRelatedSeries)).hasValue(4);
    assertThat(p.getInt(Tag.NumberOfPatientRelatedInstances)).hasValue(306);
  }

  @Test
  void aRowWaitingForItsObjectCommitsOnlyOnceTheObjectIsDurable() throws Exception {
    InstanceRecord a = Instances.make("P7", "Durable^Anna", "7.1", "20240101", "080000", "A7", "7.1.1", "CT", "7.1.1.1");
    InstanceRecord b = Instances.make("P7", "Durable^Anna", "7.1", "20240101", "080000", "A7", "7.1.1", "CT", "7.1.1.2");
    InstanceRecord c = Instances.make("P7", "Durable^Anna", "7.1", "20240101", "080000", "A7", "7.1.1", "CT", "7.1.1.3");
    CompletableFuture<Void> durableA = new CompletableFuture<>();
    CompletableFuture<Void> durableB = new CompletableFuture<>();
    CompletableFuture<IngestOutcome> fa = index.ingestAsync(a, DuplicatePolicy.REJECT, durableA);
    CompletableFuture<IngestOutcome> fb = index.ingestAsync(b, DuplicatePolicy.REJECT, durableB);
    CompletableFuture<IngestOutcome> fc = index.ingestAsync(c, DuplicatePolicy.REJECT);
    Thread.sleep(300); // let the writer execute the statements and block on the objects
    assertThat(fa).isNotDone();
    assertThat(index.isReferenced(a.storeKey())).isFalse();
    assertThat(index.isReferenced(c.storeKey())).as("not committed before the batch's objects are durable").isFalse();
    durableB.completeExceptionally(new java.io.IOException("disk full"));
    durableA.complete(null);
    assertThat(fa.get()).isEqualTo(IngestOutcome.STORED);
    assertThat(fc.get()).isEqualTo(IngestOutcome.STORED);
    assertThatThrownBy(fb::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IndexException.class)
        .cause().hasMessageContaining("7.1.1.2").hasMessageContaining("disk full");
    assertThat(index.isReferenced(a.storeKey())).isTrue();
    assertThat(index.isReferenced(b.storeKey())).isFalse();
    assertThat(index.isReferenced(c.storeKey())).isTrue();
    Dataset s = index.query(studies().match(Tag.StudyInstanceUID, "7.1").returning(Tag.NumberOfStudyRelatedInstances)).getFirst();
    assertThat(s.getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(2);
  }

  @Test
  void studyLevelNameMatchingUsesThePatientsName() {
    assertThat(values(studies().match(Tag.PatientName, "doe*").page(10, 0), Tag.StudyInstanceUID)).containsExactlyInAnyOrder("1.1", "1.2", "2.1");
    assertThat(values(studies().match(Tag.PatientName, "doe*").match(Tag.StudyDate, "20200101-20201231").page(10, 0), Tag.StudyInstanceUID))
        .containsExactlyInAnyOrder("1.1", "2.1");
    assertThat(values(studies().match(Tag.PatientName, "doe*").match(Tag.PatientID, "P2").page(10, 0), Tag.StudyInstanceUID)).containsExactly("2.1");
    assertThat(values(studies().match(Tag.PatientName, "DOE^J*").page(1, 1), Tag.StudyInstanceUID)).hasSize(1);
  }

  @Test
  void replacementInAnotherStudyMovesItsModality() {
    InstanceRecord moved = Instances.withSha(Instances.make("P4", "Smith^Bob", "1.2", "20210601", "230000", "A200", "1.2.9", "US", "4.1.1.1"), "a".repeat(64), Instant.now());
    assertThat(index.ingest(moved, DuplicatePolicy.REPLACE).kind()).isEqualTo(IngestOutcome.Kind.REPLACED);
    Dataset to = index.query(studies().match(Tag.StudyInstanceUID, "1.2").returning(Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedInstances)).getFirst();
    assertThat(to.getStrings(Tag.ModalitiesInStudy)).containsExactly("CT", "US");
    assertThat(to.getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(2);
    Dataset from = index.query(studies().match(Tag.StudyInstanceUID, "4.1").returning(Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedInstances)).getFirst();
    assertThat(from.getInt(Tag.NumberOfStudyRelatedInstances)).hasValue(0);
  }

  @Test
  void migrationFillsTheStudyColumnsOfStudiesIndexedBefore() throws Exception {
    IndexSettings settings = fresh();
    try (com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource()) {
      ds.setJdbcUrl(settings.jdbcUrl());
      ds.setUsername(settings.user());
      ds.setPassword(settings.password());
      org.flywaydb.core.Flyway.configure().dataSource(ds).locations(settings.dialect().migrationLocations()).target("2").load().migrate();
      try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
        st.executeUpdate("INSERT INTO patient (pk, org_fk, patient_id, issuer, patient_name, patient_name_norm, created_at) VALUES (1, 1, 'P1', '', 'Doe^John', 'DOE^JOHN', CURRENT_TIMESTAMP)");
        st.executeUpdate("INSERT INTO study (pk, org_fk, patient_fk, study_uid, created_at) VALUES (1, 1, 1, '1.1', CURRENT_TIMESTAMP)");
        st.executeUpdate("INSERT INTO series (pk, org_fk, study_fk, series_uid, modality, created_at) VALUES (1, 1, 1, '1.1.1', 'MR', CURRENT_TIMESTAMP),"
            + " (2, 1, 1, '1.1.2', 'CT', CURRENT_TIMESTAMP), (3, 1, 1, '1.1.3', 'CT', CURRENT_TIMESTAMP)");
        for (int k = 1; k <= 3; k++) {
          st.executeUpdate("INSERT INTO instance (org_fk, series_fk, study_fk, sop_instance_uid, sop_class_uid, transfer_syntax, store_key, object_size, sha256, data_offset, received_at)"
              + " VALUES (1, " + k + ", 1, '1.1." + k + ".1', '" + (k == 1 ? "1.2.840.10008.5.1.4.1.1.4" : "1.2.840.10008.5.1.4.1.1.2") + "', '1.2.840.10008.1.2.1', 'k" + k + "', 1, 'k" + k + "', 0, CURRENT_TIMESTAMP)");
        }
      }
    }
    try (Index migrated = Index.open(settings)) {
      List<Dataset> found = migrated.query(studies().match(Tag.PatientName, "doe*").returning(Tag.ModalitiesInStudy, Tag.SOPClassesInStudy).page(10, 0));
      assertThat(found).hasSize(1);
      assertThat(found.getFirst().getStrings(Tag.ModalitiesInStudy)).containsExactly("CT", "MR");
      assertThat(found.getFirst().getStrings(Tag.SOPClassesInStudy)).containsExactly("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4");
    }
  }

  @Test
  void stateAndRemoteAes() {
    index.setState("sweep", "a");
    index.setState("sweep", "b");
    assertThat(index.state("sweep")).contains("b");
    index.putRemoteAe(new RemoteAeEntry("STORESCP", "127.0.0.1", 11113));
    index.putRemoteAe(new RemoteAeEntry("STORESCP", "127.0.0.1", 11114));
    assertThat(index.remoteAes()).containsExactly(new RemoteAeEntry("STORESCP", "127.0.0.1", 11114));
    index.putRemoteAe(new RemoteAeEntry("STORESCP", "127.0.0.1", 2762, true));
    assertThat(index.remoteAes()).containsExactly(new RemoteAeEntry("STORESCP", "127.0.0.1", 2762, true));
    assertThat(index.removeRemoteAe("STORESCP")).isTrue();
    assertThat(index.remoteAes()).isEmpty();
  }
}
