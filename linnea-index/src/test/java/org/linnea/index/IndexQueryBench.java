package org.linnea.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;

/**
 * C-FIND-style query latency over a large generated index (bench/index-query.sh; skipped unless
 * -Dlinnea.bench.rows=N is given). Generates N instance rows (10 per study, 5 per series, 4
 * studies per patient) by batched INSERTs, then times typical queries through {@link
 * Index#query} — SQL, result decoding and data set building, no network — and prints p50/p95.
 */
class IndexQueryBench {
  static final String[] FAMILY = {"SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ",
      "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON",
      "WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "TORRES",
      "NGUYEN", "HILL", "FLORES", "GREEN", "ADAMS", "NELSON", "BAKER", "HALL", "RIVERA", "CAMPBELL", "MITCHELL", "CARTER", "ROBERTS"};
  static final String[] MOD = {"CT", "MR", "CR", "US", "DX", "MG", "PT", "NM"};
  static final LocalDate EPOCH = LocalDate.of(2015, 1, 1);

  @Test
  void h2() throws Exception {
    int rows = rows();
    Path dir = Files.createTempDirectory("linnea-bench-h2");
    try (Index index = Index.open(IndexSettings.embedded(dir))) {
      run("H2", index, rows);
    }
  }

  @Test
  void postgresql() throws Exception {
    int rows = rows();
    try (Index index = Index.open(PostgresCluster.shared().newDatabase())) {
      run("PostgreSQL", index, rows);
    }
  }

  static int rows() {
    String r = System.getProperty("linnea.bench.rows");
    Assumptions.assumeTrue(r != null, "benchmark: run bench/index-query.sh");
    return Integer.parseInt(r);
  }

  void run(String db, Index index, int instances) throws Exception {
    long t0 = System.nanoTime();
    Fixture f = generate(index, instances);
    double genS = (System.nanoTime() - t0) / 1e9;
    if (index.dialect() == Dialect.POSTGRESQL) {
      try (Connection c = index.dataSource().getConnection(); var st = c.createStatement()) {
        st.execute("ANALYZE");
      }
    } else {
      try (Connection c = index.dataSource().getConnection(); var st = c.createStatement()) {
        st.execute("ANALYZE");
      }
    }
    Random r = new Random(42);
    Map<String, IntFunction<Query>> queries = new LinkedHashMap<>();
    queries.put("study: PatientName prefix (SMI*)", k -> Query.of(Level.STUDY, 1).match(Tag.PatientName, prefix(FAMILY[r.nextInt(FAMILY.length)], 3) + "*")
        .returning(Tag.StudyInstanceUID, Tag.PatientName, Tag.PatientID, Tag.StudyDate, Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedInstances).page(100, 0));
    queries.put("study: PatientName family^given* (one patient)", k -> Query.of(Level.STUDY, 1).match(Tag.PatientName, patientName(r.nextInt(f.patients)) + "*")
        .returning(Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyDescription).page(100, 0));
    queries.put("study: StudyDate range (7 days)", k -> {
      LocalDate d = EPOCH.plusDays(r.nextInt(f.days - 7));
      return Query.of(Level.STUDY, 1).match(Tag.StudyDate, fmt(d) + "-" + fmt(d.plusDays(6)))
          .returning(Tag.StudyInstanceUID, Tag.PatientName, Tag.AccessionNumber, Tag.ModalitiesInStudy).page(100, 0);
    });
    queries.put("study: AccessionNumber", k -> Query.of(Level.STUDY, 1).match(Tag.AccessionNumber, "ACC" + r.nextInt(f.studies))
        .returning(Tag.StudyInstanceUID, Tag.PatientName, Tag.NumberOfStudyRelatedSeries));
    queries.put("study: PatientID", k -> Query.of(Level.STUDY, 1).match(Tag.PatientID, "PID" + r.nextInt(f.patients))
        .returning(Tag.StudyInstanceUID, Tag.StudyDate, Tag.ModalitiesInStudy));
    queries.put("study: ModalitiesInStudy=MR + date range (30 days)", k -> {
      LocalDate d = EPOCH.plusDays(r.nextInt(f.days - 30));
      return Query.of(Level.STUDY, 1).match(Tag.ModalitiesInStudy, "MR").match(Tag.StudyDate, fmt(d) + "-" + fmt(d.plusDays(29)))
          .returning(Tag.StudyInstanceUID, Tag.PatientName).page(100, 0);
    });
    queries.put("series: StudyInstanceUID", k -> Query.of(Level.SERIES, 1).match(Tag.StudyInstanceUID, "2.25." + r.nextInt(f.studies))
        .returning(Tag.SeriesInstanceUID, Tag.Modality, Tag.NumberOfSeriesRelatedInstances));
    queries.put("image: SeriesInstanceUID", k -> Query.of(Level.IMAGE, 1).match(Tag.SeriesInstanceUID, "2.25." + (r.nextInt(f.studies)) + "." + r.nextInt(2))
        .returning(Tag.SOPInstanceUID, Tag.SOPClassUID, Tag.InstanceNumber));
    queries.put("patient: PatientName prefix (patient root)", k -> Query.of(Level.PATIENT, 1).match(Tag.PatientName, prefix(FAMILY[r.nextInt(FAMILY.length)], 4) + "*")
        .returning(Tag.PatientID, Tag.PatientBirthDate, Tag.NumberOfPatientRelatedStudies).page(100, 0));

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n%s: %,d instances, %,d series, %,d studies, %,d patients (%,d rows) generated in %.0f s%n", db, f.instances, f.series,
        f.studies, f.patients, f.instances + f.series + f.studies + f.patients, genS));
    out.append(String.format(Locale.ROOT, "| query | answers (median) | p50 ms | p95 ms |%n|---|---|---|---|%n"));
    for (var e : queries.entrySet()) {
      for (int k = 0; k < 30; k++) index.query(e.getValue().apply(k)); // warm up
      int n = 300;
      double[] ms = new double[n];
      int[] answers = new int[n];
      for (int k = 0; k < n; k++) {
        Query q = e.getValue().apply(k);
        long s = System.nanoTime();
        answers[k] = index.query(q).size();
        ms[k] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(ms);
      Arrays.sort(answers);
      out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |%n", e.getKey(), answers[n / 2], ms[n / 2], ms[(int) (n * 0.95)]));
    }
    System.out.println(out);
    Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "linnea-index-bench-" + db + ".md"), out.toString());
    assertThat(f.instances).isEqualTo(instances);
  }

  static String patientName(int p) {
    return FAMILY[p % FAMILY.length] + "^GIVEN" + p;
  }

  static String prefix(String s, int n) {
    return s.substring(0, Math.min(n, s.length()));
  }

  static String fmt(LocalDate d) {
    return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  record Fixture(int patients, int studies, int series, int instances, int days) {}

  /** Batched INSERTs with explicit keys: the shape of a real archive, generated fast. */
  static Fixture generate(Index index, int instances) throws Exception {
    int perSeries = 5;
    int seriesPerStudy = 2;
    int studies = Math.max(1, instances / (perSeries * seriesPerStudy));
    int patients = Math.max(1, studies / 4);
    int days = 365 * 10;
    Random r = new Random(1);
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = index.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient (pk, org_fk, patient_id, issuer, patient_name, patient_name_norm, birth_date, sex, num_studies, num_series, num_instances, created_at) VALUES (?, 1, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int p = 0; p < patients; p++) {
          String name = patientName(p);
          ps.setLong(1, p + 1);
          ps.setString(2, "PID" + p);
          ps.setString(3, name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));
          ps.setString(4, name);
          ps.setString(5, fmt(LocalDate.of(1930, 1, 1).plusDays(r.nextInt(30000))));
          ps.setString(6, r.nextBoolean() ? "F" : "M");
          ps.setInt(7, 4);
          ps.setInt(8, 8);
          ps.setInt(9, 40);
          ps.setTimestamp(10, now);
          batch(ps, c, p);
        }
        ps.executeBatch();
      }
      c.commit();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO study (pk, org_fk, patient_fk, study_uid, study_date, study_time, accession_number, study_id, referring_physician, referring_physician_norm, study_description, num_series, num_instances, created_at,"
          + " patient_name_norm, modalities, sop_classes) VALUES (?, 1, ?, ?, ?, ?, ?, '1', 'Ref^Doctor', 'REF^DOCTOR', ?, ?, ?, ?, ?, ?, '1.2.840.10008.5.1.4.1.1.2')")) {
        for (int s = 0; s < studies; s++) {
          // The study-level columns the ingest maintains: the patient's normalised name and the
          // sorted modalities of the study's series (generated below).
          ps.setString(11, patientName(s % patients));
          java.util.TreeSet<String> mods = new java.util.TreeSet<>();
          for (int k = 0; k < seriesPerStudy; k++) mods.add(MOD[(s * 7 + k) % MOD.length]);
          ps.setString(12, String.join("\\", mods));
          ps.setLong(1, s + 1);
          ps.setLong(2, (s % patients) + 1);
          ps.setString(3, "2.25." + s);
          ps.setString(4, fmt(EPOCH.plusDays(r.nextInt(days))));
          ps.setString(5, String.format("%02d%02d00.000000", r.nextInt(24), r.nextInt(60)));
          ps.setString(6, "ACC" + s);
          ps.setString(7, "Study " + s);
          ps.setInt(8, seriesPerStudy);
          ps.setInt(9, seriesPerStudy * perSeries);
          ps.setTimestamp(10, now);
          batch(ps, c, s);
        }
        ps.executeBatch();
      }
      c.commit();
      int series = studies * seriesPerStudy;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO series (pk, org_fk, study_fk, series_uid, modality, series_number, series_description, num_instances, created_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int se = 0; se < series; se++) {
          int st = se / seriesPerStudy;
          ps.setLong(1, se + 1);
          ps.setLong(2, st + 1);
          ps.setString(3, "2.25." + st + "." + (se % seriesPerStudy));
          ps.setString(4, MOD[(st * 7 + se % seriesPerStudy) % MOD.length]);
          ps.setInt(5, se % seriesPerStudy + 1);
          ps.setString(6, "Series");
          ps.setInt(7, perSeries);
          ps.setTimestamp(8, now);
          batch(ps, c, se);
        }
        ps.executeBatch();
      }
      c.commit();
      int total = series * perSeries;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO instance (pk, org_fk, series_fk, study_fk, sop_instance_uid, sop_class_uid, instance_number, transfer_syntax, store_key, object_size, sha256, data_offset, received_at, source) VALUES (?, 1, ?, ?, ?, '1.2.840.10008.5.1.4.1.1.2', ?, '1.2.840.10008.1.2.1', ?, 526000, ?, 340, ?, 'BENCH')")) {
        for (int i = 0; i < total; i++) {
          int se = i / perSeries;
          String sha = String.format("%064x", i);
          ps.setLong(1, i + 1);
          ps.setLong(2, se + 1);
          ps.setLong(3, se / seriesPerStudy + 1);
          ps.setString(4, "2.25." + (se / seriesPerStudy) + "." + (se % seriesPerStudy) + "." + (i % perSeries));
          ps.setInt(5, i % perSeries + 1);
          ps.setString(6, sha);
          ps.setString(7, sha);
          ps.setTimestamp(8, now);
          batch(ps, c, i);
        }
        ps.executeBatch();
      }
      c.commit();
      return new Fixture(patients, studies, series, total, days);
    }
  }

  private static void batch(PreparedStatement ps, Connection c, int k) throws Exception {
    ps.addBatch();
    if (k % 5000 == 4999) {
      ps.executeBatch();
      c.commit();
    }
  }
}
