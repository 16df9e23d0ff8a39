package org.linnea.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ingest writes of one transaction: any number of instances recorded with their patients,
 * studies and series, then {@link #finish} applies what they change in their parents.
 *
 * <p>Within a batch, parents found or inserted once are remembered, the counters of the
 * computed attributes (numbers of related studies, series and instances) are summed and written
 * once per row, and so are the study lists (Modalities in Study, SOP Classes in Study). {@link
 * #finish} writes them in a fixed order — series, then studies, then patients, each by primary
 * key — so that concurrent batches (several nodes on one PostgreSQL) lock rows in the same order.
 * A study's lists are read back after its row is locked by the counter update, so concurrent
 * batches adding to one study do not lose each other's values.
 *
 * <p>Statements are prepared once per batch, or once per connection when the caller keeps them
 * ({@link IndexWriter} does): parsing them is a large part of a small write.
 * Not thread-safe; one batch per transaction.
 */
final class IngestBatch implements AutoCloseable {
  private final Connection c;
  private final Map<String, PreparedStatement> statements;
  private final boolean ownStatements;
  private final Map<String, Long> patients = new HashMap<>();
  private final Map<String, StudyRow> studies = new HashMap<>();
  private final Map<String, Long> series = new HashMap<>();
  private final Map<Long, String> patientNames = new HashMap<>();
  private final Map<Long, StudyRow> byPk = new HashMap<>();
  private final Map<Long, int[]> seriesDelta = new TreeMap<>();
  private final Map<Long, StudyRow> studyDelta = new TreeMap<>();
  private final Map<Long, int[]> patientDelta = new TreeMap<>();
  private final Instant now = Instant.now();
  private static final String INSERT_INSTANCE = "INSERT INTO instance (org_fk, series_fk, study_fk, sop_instance_uid, sop_class_uid, instance_number,"
      + " transfer_syntax, store_key, object_size, sha256, data_offset, received_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private int batched;

  /** A study touched by the batch: its patient, and what the batch adds to its lists. */
  private static final class StudyRow {
    final long pk;
    final long patientPk;
    final String patientNameNorm;
    final TreeSet<String> modalities = new TreeSet<>();
    final TreeSet<String> sopClasses = new TreeSet<>();
    int numSeries;
    int numInstances;
    boolean recompute;

    StudyRow(long pk, long patientPk, String patientNameNorm) {
      this.pk = pk;
      this.patientPk = patientPk;
      this.patientNameNorm = patientNameNorm;
    }
  }

  private record Existing(long pk, long seriesFk, long studyFk, String storeKey, long size, String sha256, Instant receivedAt) {}

  IngestBatch(Connection c) {
    this.c = c;
    this.statements = new HashMap<>();
    this.ownStatements = true;
  }

  /** A batch using (and adding to) statements prepared on {@code c} by earlier batches, which it does not close. */
  IngestBatch(Connection c, Map<String, PreparedStatement> statements) {
    this.c = c;
    this.statements = statements;
    this.ownStatements = false;
  }

  private PreparedStatement ps(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = sql.startsWith("INSERT INTO patient") || sql.startsWith("INSERT INTO study") || sql.startsWith("INSERT INTO series")
          ? c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
          : c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /**
   * Records one instance under the duplicate policy.
   *
   * @throws DuplicateInstanceException when the policy refuses it; nothing has been written then
   */
  IngestOutcome ingest(InstanceRecord r, DuplicatePolicy policy) throws SQLException {
    flushNew();
    Existing existing = existing(r);
    if (existing != null) {
      boolean identical = existing.sha256.equals(r.sha256());
      switch (policy) {
        case REJECT -> throw new DuplicateInstanceException(r.sopInstanceUid(), existing.sha256, identical ? "already stored" : "already stored with other content");
        case ACCEPT_IF_IDENTICAL -> {
          if (identical) return IngestOutcome.IDENTICAL;
          throw new DuplicateInstanceException(r.sopInstanceUid(), existing.sha256, "already stored with other content (SHA-256 " + existing.sha256 + ")");
        }
        case REPLACE, KEEP_NEWEST -> {
          if (identical || existing.storeKey.equals(r.storeKey())) return IngestOutcome.IDENTICAL;
          if (policy == DuplicatePolicy.KEEP_NEWEST && r.receivedAt().isBefore(existing.receivedAt)) {
            if (!hasVersion(r)) insertVersion(r.organisation(), r.sopInstanceUid(), r.storeKey(), r.size(), r.sha256(), r.receivedAt());
            return new IngestOutcome(IngestOutcome.Kind.KEPT_AS_EARLIER_VERSION, Optional.of(existing.storeKey));
          }
        }
      }
    }
    StudyRow study = study(r, patient(r));
    long seriesPk = series(r, study);
    study.sopClasses.add(r.sopClassUid());
    if (existing != null) {
      // Replace: the previous version is kept as an earlier version; the row now points at the new object.
      insertVersion(r.organisation(), r.sopInstanceUid(), existing.storeKey, existing.size, existing.sha256, existing.receivedAt);
      PreparedStatement ps = ps("UPDATE instance SET series_fk = ?, study_fk = ?, sop_class_uid = ?, instance_number = ?, transfer_syntax = ?, store_key = ?,"
          + " object_size = ?, sha256 = ?, data_offset = ?, received_at = ?, source = ? WHERE pk = ?");
      ps.setLong(1, seriesPk);
      ps.setLong(2, study.pk);
      ps.setString(3, r.sopClassUid());
      setInt(ps, 4, r.instanceNumber());
      ps.setString(5, r.transferSyntax());
      ps.setString(6, r.storeKey());
      ps.setLong(7, r.size());
      ps.setString(8, r.sha256());
      ps.setLong(9, r.dataOffset());
      ps.setTimestamp(10, Timestamp.from(r.receivedAt()));
      ps.setString(11, r.source());
      ps.setLong(12, existing.pk);
      ps.executeUpdate();
      if (existing.seriesFk != seriesPk) {
        // The new version belongs elsewhere in the hierarchy: move the counts with it.
        StudyRow old = studyByPk(existing.studyFk);
        old.recompute = true;
        count(existing.seriesFk, old, -1);
        count(seriesPk, study, +1);
      } else if (!existing.sha256.equals(r.sha256())) {
        study.recompute = true; // the SOP Class may have changed
      }
      return new IngestOutcome(IngestOutcome.Kind.REPLACED, Optional.of(existing.storeKey));
    }
    insertInstance(r, study, seriesPk).executeUpdate();
    count(seriesPk, study, +1);
    return IngestOutcome.STORED;
  }

  /**
   * Records an instance known to be new (a rebuild of an emptied index, {@link IndexRebuild}):
   * no duplicate lookup; its row is added to a JDBC batch that {@link #flushNew} or {@link
   * #finish} writes.
   */
  void ingestNew(InstanceRecord r) throws SQLException {
    StudyRow study = study(r, patient(r));
    long seriesPk = series(r, study);
    study.sopClasses.add(r.sopClassUid());
    insertInstance(r, study, seriesPk).addBatch();
    batched++;
    count(seriesPk, study, +1);
  }

  /** Writes the batched rows of {@link #ingestNew} (before any lookup that must see them). */
  void flushNew() throws SQLException {
    if (batched == 0) return;
    ps(INSERT_INSTANCE).executeBatch();
    batched = 0;
  }

  private PreparedStatement insertInstance(InstanceRecord r, StudyRow study, long seriesPk) throws SQLException {
    PreparedStatement ps = ps(INSERT_INSTANCE);
    ps.setLong(1, r.organisation());
    ps.setLong(2, seriesPk);
    ps.setLong(3, study.pk);
    ps.setString(4, r.sopInstanceUid());
    ps.setString(5, r.sopClassUid());
    setInt(ps, 6, r.instanceNumber());
    ps.setString(7, r.transferSyntax());
    ps.setString(8, r.storeKey());
    ps.setLong(9, r.size());
    ps.setString(10, r.sha256());
    ps.setLong(11, r.dataOffset());
    ps.setTimestamp(12, Timestamp.from(r.receivedAt()));
    ps.setString(13, r.source());
    return ps;
  }

  private Existing existing(InstanceRecord r) throws SQLException {
    PreparedStatement ps = ps("SELECT pk, series_fk, study_fk, store_key, object_size, sha256, received_at FROM instance WHERE org_fk = ? AND sop_instance_uid = ?");
    ps.setLong(1, r.organisation());
    ps.setString(2, r.sopInstanceUid());
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) return null;
      return new Existing(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getTimestamp(7).toInstant());
    }
  }

  private void count(long seriesPk, StudyRow study, int delta) {
    seriesDelta.computeIfAbsent(seriesPk, k -> new int[1])[0] += delta;
    studyDelta.put(study.pk, study);
    study.numInstances += delta;
    patientDelta.computeIfAbsent(study.patientPk, k -> new int[3])[2] += delta;
  }

  /** The patient's key and normalised name, found or inserted. */
  private Map.Entry<Long, String> patient(InstanceRecord r) throws SQLException {
    String key = r.organisation() + "\u0000" + r.patientId() + "\u0000" + r.issuerOfPatientId();
    Long pk = patients.get(key);
    if (pk != null) return Map.entry(pk, patientNames.get(pk));
    PreparedStatement find = ps("SELECT pk, patient_name_norm FROM patient WHERE org_fk = ? AND patient_id = ? AND issuer = ?");
    find.setLong(1, r.organisation());
    find.setString(2, r.patientId());
    find.setString(3, r.issuerOfPatientId());
    String norm;
    try (ResultSet rs = find.executeQuery()) {
      if (rs.next()) {
        pk = rs.getLong(1);
        norm = rs.getString(2);
      } else {
        norm = Normalized.personName(r.patientName());
      }
    }
    if (pk == null) {
      PreparedStatement ps = ps("INSERT INTO patient (org_fk, patient_id, issuer, patient_name, patient_name_norm, birth_date, sex, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      ps.setLong(1, r.organisation());
      ps.setString(2, r.patientId());
      ps.setString(3, r.issuerOfPatientId());
      ps.setString(4, r.patientName());
      ps.setString(5, norm);
      ps.setString(6, r.patientBirthDate());
      ps.setString(7, r.patientSex());
      ps.setTimestamp(8, Timestamp.from(now));
      pk = insert(ps);
    }
    patients.put(key, pk);
    patientNames.put(pk, norm == null ? "" : norm);
    return Map.entry(pk, patientNames.get(pk));
  }

  private StudyRow study(InstanceRecord r, Map.Entry<Long, String> patient) throws SQLException {
    String key = r.organisation() + "\u0000" + r.studyUid();
    StudyRow s = studies.get(key);
    if (s != null) return s;
    PreparedStatement find = ps("SELECT pk, patient_fk, patient_name_norm FROM study WHERE org_fk = ? AND study_uid = ?");
    find.setLong(1, r.organisation());
    find.setString(2, r.studyUid());
    try (ResultSet rs = find.executeQuery()) {
      if (rs.next()) s = new StudyRow(rs.getLong(1), rs.getLong(2), rs.getString(3));
    }
    if (s == null) {
      String norm = patient.getValue().isEmpty() ? null : patient.getValue();
      PreparedStatement ps = ps("INSERT INTO study (org_fk, patient_fk, study_uid, study_date, study_time, accession_number, study_id, referring_physician,"
          + " referring_physician_norm, study_description, patient_name_norm, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      ps.setLong(1, r.organisation());
      ps.setLong(2, patient.getKey());
      ps.setString(3, r.studyUid());
      ps.setString(4, r.studyDate());
      ps.setString(5, r.studyTime());
      ps.setString(6, r.accessionNumber());
      ps.setString(7, r.studyId());
      ps.setString(8, r.referringPhysicianName());
      ps.setString(9, Normalized.personName(r.referringPhysicianName()));
      ps.setString(10, r.studyDescription());
      ps.setString(11, norm);
      ps.setTimestamp(12, Timestamp.from(now));
      s = new StudyRow(insert(ps), patient.getKey(), norm);
      patientDelta.computeIfAbsent(s.patientPk, k -> new int[3])[0] += 1;
    }
    studies.put(key, s);
    byPk.put(s.pk, s);
    return s;
  }

  private StudyRow studyByPk(long pk) throws SQLException {
    StudyRow s = byPk.get(pk);
    if (s != null) return s;
    PreparedStatement find = ps("SELECT patient_fk, patient_name_norm FROM study WHERE pk = ?");
    find.setLong(1, pk);
    try (ResultSet rs = find.executeQuery()) {
      if (!rs.next()) throw new SQLException("study " + pk + " vanished");
      s = new StudyRow(pk, rs.getLong(1), rs.getString(2));
    }
    byPk.put(pk, s);
    return s;
  }

  private long series(InstanceRecord r, StudyRow study) throws SQLException {
    String key = r.organisation() + "\u0000" + r.seriesUid();
    Long pk = series.get(key);
    if (pk != null) return pk;
    PreparedStatement find = ps("SELECT pk FROM series WHERE org_fk = ? AND series_uid = ?");
    find.setLong(1, r.organisation());
    find.setString(2, r.seriesUid());
    try (ResultSet rs = find.executeQuery()) {
      if (rs.next()) pk = rs.getLong(1);
    }
    if (pk == null) {
      PreparedStatement ps = ps("INSERT INTO series (org_fk, study_fk, series_uid, modality, series_number, series_description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
      ps.setLong(1, r.organisation());
      ps.setLong(2, study.pk);
      ps.setString(3, r.seriesUid());
      ps.setString(4, r.modality());
      setInt(ps, 5, r.seriesNumber());
      ps.setString(6, r.seriesDescription());
      ps.setTimestamp(7, Timestamp.from(now));
      pk = insert(ps);
      if (r.modality() != null && !r.modality().isEmpty()) study.modalities.add(r.modality());
      study.numSeries++;
      studyDelta.put(study.pk, study);
      patientDelta.computeIfAbsent(study.patientPk, k -> new int[3])[1] += 1;
    }
    series.put(key, pk);
    return pk;
  }

  /**
   * Writes the counters and study lists the batch changed: series, then studies, then patients,
   * each in primary key order.
   */
  void finish() throws SQLException {
    flushNew();
    PreparedStatement se = ps("UPDATE series SET num_instances = num_instances + ? WHERE pk = ?");
    for (Map.Entry<Long, int[]> e : seriesDelta.entrySet()) {
      se.setInt(1, e.getValue()[0]);
      se.setLong(2, e.getKey());
      se.executeUpdate();
    }
    PreparedStatement st = ps("UPDATE study SET num_series = num_series + ?, num_instances = num_instances + ? WHERE pk = ?");
    PreparedStatement lists = ps("SELECT modalities, sop_classes FROM study WHERE pk = ?");
    PreparedStatement setLists = ps("UPDATE study SET modalities = ?, sop_classes = ? WHERE pk = ?");
    for (StudyRow s : studyDelta.values()) {
      st.setInt(1, s.numSeries);
      st.setInt(2, s.numInstances);
      st.setLong(3, s.pk);
      st.executeUpdate();
      String mods;
      String classes;
      if (s.recompute) {
        mods = join(distinct("SELECT DISTINCT modality FROM series WHERE study_fk = ? AND modality IS NOT NULL", s.pk));
        classes = join(distinct("SELECT DISTINCT sop_class_uid FROM instance WHERE study_fk = ?", s.pk));
      } else {
        lists.setLong(1, s.pk);
        String oldMods;
        String oldClasses;
        try (ResultSet rs = lists.executeQuery()) {
          if (!rs.next()) continue;
          oldMods = rs.getString(1);
          oldClasses = rs.getString(2);
        }
        mods = merge(oldMods, s.modalities);
        classes = merge(oldClasses, s.sopClasses);
        if (java.util.Objects.equals(mods, oldMods) && java.util.Objects.equals(classes, oldClasses)) continue;
      }
      setLists.setString(1, mods);
      setLists.setString(2, classes);
      setLists.setLong(3, s.pk);
      setLists.executeUpdate();
    }
    PreparedStatement p = ps("UPDATE patient SET num_studies = num_studies + ?, num_series = num_series + ?, num_instances = num_instances + ? WHERE pk = ?");
    for (Map.Entry<Long, int[]> e : patientDelta.entrySet()) {
      p.setInt(1, e.getValue()[0]);
      p.setInt(2, e.getValue()[1]);
      p.setInt(3, e.getValue()[2]);
      p.setLong(4, e.getKey());
      p.executeUpdate();
    }
  }

  private TreeSet<String> distinct(String sql, long studyPk) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    PreparedStatement ps = ps(sql);
    ps.setLong(1, studyPk);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  /** A stored '\'-joined sorted list with values added, in the same form; null when empty. */
  static String merge(String stored, TreeSet<String> added) {
    if (added.isEmpty()) return stored;
    TreeSet<String> all = new TreeSet<>(added);
    if (stored != null && !stored.isEmpty()) all.addAll(List.of(stored.split("\\\\")));
    return join(all);
  }

  private static String join(TreeSet<String> values) {
    return values.isEmpty() ? null : String.join("\\", values);
  }

  private boolean hasVersion(InstanceRecord r) throws SQLException {
    PreparedStatement ps = ps("SELECT pk FROM instance_version WHERE org_fk = ? AND sop_instance_uid = ? AND store_key = ?");
    ps.setLong(1, r.organisation());
    ps.setString(2, r.sopInstanceUid());
    ps.setString(3, r.storeKey());
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  private void insertVersion(long org, String uid, String key, long size, String sha, Instant receivedAt) throws SQLException {
    PreparedStatement ps = ps("INSERT INTO instance_version (org_fk, sop_instance_uid, store_key, object_size, sha256, received_at, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ps.setLong(1, org);
    ps.setString(2, uid);
    ps.setString(3, key);
    ps.setLong(4, size);
    ps.setString(5, sha);
    ps.setTimestamp(6, Timestamp.from(receivedAt));
    ps.setTimestamp(7, Timestamp.from(now));
    ps.executeUpdate();
  }

  private static long insert(PreparedStatement ps) throws SQLException {
    ps.executeUpdate();
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) throw new SQLException("no generated key");
      return keys.getLong(1);
    }
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) ps.setNull(i, Types.INTEGER);
    else ps.setInt(i, v);
  }

  @Override
  public void close() throws SQLException {
    if (!ownStatements) return;
    SQLException first = null;
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }
}
