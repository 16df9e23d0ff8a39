package org.linnea.index;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.linnea.dicom.data.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's index database: a HikariCP pool over H2 or PostgreSQL, migrated by Flyway on
 * {@link #open}.
 *
 * <h2>The ingest write</h2>
 * {@link #ingest} records an instance with its patient, study and series in one transaction:
 * find-or-insert of each parent (by organisation and Patient ID with issuer, Study Instance UID,
 * Series Instance UID), the instance row, and the counters of the computed attributes (numbers of
 * related studies, series and instances). Several associations storing the same new study at once
 * race to insert its rows; the loser of an insert gets a unique-key violation (or, on PostgreSQL,
 * waits for the winner's commit and then gets it), rolls back and retries the whole transaction,
 * which then finds the rows. Counter updates lock parent rows in a fixed order (series, study,
 * patient), so concurrent writers do not deadlock on them.
 *
 * <h2>Durability</h2>
 * With PostgreSQL a commit is durable when it returns (synchronous_commit, the default). The
 * embedded H2 writes committed transactions to its file within about a second; what a crash loses
 * of that second the archive's start-up sweep restores from the object store, which is always
 * written first.
 */
public final class Index implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Index.class);
  private static final int MAX_ATTEMPTS = 20;

  /** The organisation created by the first migration. */
  public static final long DEFAULT_ORGANISATION = 1;

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final IndexSettings settings;

  private Index(IndexSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
    this.dialect = settings.dialect();
  }

  /** Connects, migrates the schema to the current version, and returns the index. */
  public static Index open(IndexSettings settings) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(settings.jdbcUrl());
    if (!settings.user().isEmpty()) hc.setUsername(settings.user());
    hc.setPassword(settings.password());
    hc.setMaximumPoolSize(settings.maxPoolSize());
    hc.setPoolName("linnea-index");
    hc.setAutoCommit(true);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new IndexException("cannot connect to the index at " + settings + ": " + e.getMessage(), e);
    }
    try {
      Flyway.configure().dataSource(ds).locations(settings.dialect().migrationLocations()).load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new IndexException("cannot migrate the index schema at " + settings + ": " + e.getMessage(), e);
    }
    LOG.info("index open: {}", settings);
    return new Index(settings, ds);
  }

  public Dialect dialect() {
    return dialect;
  }

  public IndexSettings settings() {
    return settings;
  }

  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }

  // ---- ingest ---------------------------------------------------------------------------------

  /**
   * Records an instance and its parents in one transaction, under the duplicate policy.
   *
   * @throws DuplicateInstanceException when the policy refuses the instance
   */
  public IngestOutcome ingest(InstanceRecord r, DuplicatePolicy policy) {
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try {
          IngestOutcome out = ingestOnce(c, r, policy);
          c.commit();
          return out;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        if (!isRetryable(e)) throw new IndexException("cannot record instance " + r.sopInstanceUid() + ": " + e.getMessage(), e);
        last = e;
        try {
          Thread.sleep(Math.min(200, attempt * attempt * 2L));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new IndexException("cannot record instance " + r.sopInstanceUid() + " after " + MAX_ATTEMPTS + " attempts: " + (last == null ? "interrupted" : last.getMessage()), last);
  }

  /** Unique-key violations lost to a concurrent insert, serialisation failures, deadlocks, lock timeouts. */
  static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.equals("23505") || state.startsWith("40") || state.equals("HYT00") || state.equals("55P03"))) return true;
        if (s.getErrorCode() == 90131 || s.getErrorCode() == 50200) return true; // H2: concurrent update, lock timeout
      }
    }
    return false;
  }

  private IngestOutcome ingestOnce(Connection c, InstanceRecord r, DuplicatePolicy policy) throws SQLException {
    Instant now = Instant.now();
    // The current row for this SOP Instance UID, if any.
    Existing existing = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT pk, series_fk, study_fk, store_key, object_size, sha256, received_at FROM instance WHERE org_fk = ? AND sop_instance_uid = ?")) {
      ps.setLong(1, r.organisation());
      ps.setString(2, r.sopInstanceUid());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          existing = new Existing(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getTimestamp(7).toInstant());
        }
      }
    }
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
            if (!hasVersion(c, r)) insertVersion(c, r.organisation(), r.sopInstanceUid(), r.storeKey(), r.size(), r.sha256(), r.receivedAt(), now);
            return new IngestOutcome(IngestOutcome.Kind.KEPT_AS_EARLIER_VERSION, Optional.of(existing.storeKey));
          }
        }
      }
    }
    long org = r.organisation();
    Parent patient = findOrInsertPatient(c, r, now);
    Parent study = findOrInsertStudy(c, r, patient.pk, now);
    Parent series = findOrInsertSeries(c, r, study.pk, now);

    if (existing != null) {
      // Replace: the previous version is kept as an earlier version; the row now points at the new object.
      insertVersion(c, org, r.sopInstanceUid(), existing.storeKey, existing.size, existing.sha256, existing.receivedAt, now);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE instance SET series_fk = ?, study_fk = ?, sop_class_uid = ?, instance_number = ?, transfer_syntax = ?, store_key = ?, object_size = ?, sha256 = ?, data_offset = ?, received_at = ?, source = ? WHERE pk = ?")) {
        ps.setLong(1, series.pk);
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
      }
      if (existing.seriesFk != series.pk) {
        // The new version belongs elsewhere in the hierarchy: move the counts with it.
        count(c, existing.seriesFk, existing.studyFk, -1);
        count(c, series.pk, study.pk, +1);
        newParents(c, patient, study, series);
      }
      return new IngestOutcome(IngestOutcome.Kind.REPLACED, Optional.of(existing.storeKey));
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO instance (org_fk, series_fk, study_fk, sop_instance_uid, sop_class_uid, instance_number, transfer_syntax, store_key, object_size, sha256, data_offset, received_at, source)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, org);
      ps.setLong(2, series.pk);
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
      ps.executeUpdate();
    }
    count(c, series.pk, study.pk, +1);
    newParents(c, patient, study, series);
    return IngestOutcome.STORED;
  }

  private record Existing(long pk, long seriesFk, long studyFk, String storeKey, long size, String sha256, Instant receivedAt) {}

  private record Parent(long pk, boolean inserted) {}

  /** Counts an instance in (or out of) its series, study and patient, locking them in that order. */
  private static void count(Connection c, long seriesPk, long studyPk, int delta) throws SQLException {
    update(c, "UPDATE series SET num_instances = num_instances + ? WHERE pk = ?", delta, seriesPk);
    update(c, "UPDATE study SET num_instances = num_instances + ? WHERE pk = ?", delta, studyPk);
    update(c, "UPDATE patient SET num_instances = num_instances + ? WHERE pk = (SELECT patient_fk FROM study WHERE pk = ?)", delta, studyPk);
  }

  /** Counts newly inserted series and studies in their parents. */
  private static void newParents(Connection c, Parent patient, Parent study, Parent series) throws SQLException {
    if (series.inserted) {
      update(c, "UPDATE study SET num_series = num_series + ? WHERE pk = ?", 1, study.pk);
      update(c, "UPDATE patient SET num_series = num_series + ? WHERE pk = ?", 1, patient.pk);
    }
    if (study.inserted) {
      update(c, "UPDATE patient SET num_studies = num_studies + ? WHERE pk = ?", 1, patient.pk);
    }
  }

  private static void update(Connection c, String sql, int delta, long pk) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, delta);
      ps.setLong(2, pk);
      ps.executeUpdate();
    }
  }

  private Parent findOrInsertPatient(Connection c, InstanceRecord r, Instant now) throws SQLException {
    Optional<Long> pk = findPk(c, "SELECT pk FROM patient WHERE org_fk = ? AND patient_id = ? AND issuer = ?", r.organisation(), r.patientId(), r.issuerOfPatientId());
    if (pk.isPresent()) return new Parent(pk.get(), false);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO patient (org_fk, patient_id, issuer, patient_name, patient_name_norm, birth_date, sex, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, r.organisation());
      ps.setString(2, r.patientId());
      ps.setString(3, r.issuerOfPatientId());
      ps.setString(4, r.patientName());
      ps.setString(5, Normalized.personName(r.patientName()));
      ps.setString(6, r.patientBirthDate());
      ps.setString(7, r.patientSex());
      ps.setTimestamp(8, Timestamp.from(now));
      return new Parent(insert(ps), true);
    }
  }

  private Parent findOrInsertStudy(Connection c, InstanceRecord r, long patientPk, Instant now) throws SQLException {
    Optional<Long> pk = findPk(c, "SELECT pk FROM study WHERE org_fk = ? AND study_uid = ?", r.organisation(), r.studyUid());
    if (pk.isPresent()) return new Parent(pk.get(), false);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO study (org_fk, patient_fk, study_uid, study_date, study_time, accession_number, study_id, referring_physician, referring_physician_norm, study_description, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, r.organisation());
      ps.setLong(2, patientPk);
      ps.setString(3, r.studyUid());
      ps.setString(4, r.studyDate());
      ps.setString(5, r.studyTime());
      ps.setString(6, r.accessionNumber());
      ps.setString(7, r.studyId());
      ps.setString(8, r.referringPhysicianName());
      ps.setString(9, Normalized.personName(r.referringPhysicianName()));
      ps.setString(10, r.studyDescription());
      ps.setTimestamp(11, Timestamp.from(now));
      return new Parent(insert(ps), true);
    }
  }

  private Parent findOrInsertSeries(Connection c, InstanceRecord r, long studyPk, Instant now) throws SQLException {
    Optional<Long> pk = findPk(c, "SELECT pk FROM series WHERE org_fk = ? AND series_uid = ?", r.organisation(), r.seriesUid());
    if (pk.isPresent()) return new Parent(pk.get(), false);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO series (org_fk, study_fk, series_uid, modality, series_number, series_description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, r.organisation());
      ps.setLong(2, studyPk);
      ps.setString(3, r.seriesUid());
      ps.setString(4, r.modality());
      setInt(ps, 5, r.seriesNumber());
      ps.setString(6, r.seriesDescription());
      ps.setTimestamp(7, Timestamp.from(now));
      return new Parent(insert(ps), true);
    }
  }

  private static long insert(PreparedStatement ps) throws SQLException {
    ps.executeUpdate();
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) throw new SQLException("no generated key");
      return keys.getLong(1);
    }
  }

  private static Optional<Long> findPk(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, List.of(params));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static boolean hasVersion(Connection c, InstanceRecord r) throws SQLException {
    return findPk(c, "SELECT pk FROM instance_version WHERE org_fk = ? AND sop_instance_uid = ? AND store_key = ?", r.organisation(), r.sopInstanceUid(), r.storeKey()).isPresent();
  }

  private static void insertVersion(Connection c, long org, String uid, String key, long size, String sha, Instant receivedAt, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO instance_version (org_fk, sop_instance_uid, store_key, object_size, sha256, received_at, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, org);
      ps.setString(2, uid);
      ps.setString(3, key);
      ps.setLong(4, size);
      ps.setString(5, sha);
      ps.setTimestamp(6, Timestamp.from(receivedAt));
      ps.setTimestamp(7, Timestamp.from(now));
      ps.executeUpdate();
    }
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) ps.setNull(i, Types.INTEGER);
    else ps.setInt(i, v);
  }

  static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int k = 0; k < params.size(); k++) {
      Object p = params.get(k);
      switch (p) {
        case String s -> ps.setString(k + 1, s);
        case Integer n -> ps.setInt(k + 1, n);
        case Long n -> ps.setLong(k + 1, n);
        case Instant t -> ps.setTimestamp(k + 1, Timestamp.from(t));
        default -> ps.setObject(k + 1, p);
      }
    }
  }

  // ---- query ----------------------------------------------------------------------------------

  /** The answers to a query, as data sets carrying the return keys. */
  public List<Dataset> query(Query q) {
    List<Dataset> out = new ArrayList<>();
    query(q, d -> {
      out.add(d);
      return true;
    });
    return out;
  }

  /**
   * Streams the answers to a query to {@code consumer} until it returns false.
   *
   * @throws IllegalArgumentException when a key's value cannot be matched (a malformed date)
   */
  public void query(Query q, Predicate<Dataset> consumer) {
    QuerySql s = QuerySql.select(q);
    try (Connection c = pool.getConnection()) {
      if (dialect == Dialect.POSTGRESQL) c.setAutoCommit(false); // lets fetch size stream
      try (PreparedStatement ps = c.prepareStatement(s.sql)) {
        ps.setFetchSize(200);
        bind(ps, s.params);
        try (ResultSet rs = ps.executeQuery()) {
          new QueryResults(c, q).stream(rs, consumer);
        }
      } finally {
        if (dialect == Dialect.POSTGRESQL) {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IndexException("query failed: " + e.getMessage(), e);
    }
  }

  /** Counts the answers to a query (ignoring its page). */
  public long count(Query q) {
    long[] n = {0};
    query(q.page(0, 0), d -> {
      n[0]++;
      return true;
    });
    return n[0];
  }

  /** The instances below every entity the query matches, for retrieve (keys at or above its level). */
  public List<InstanceLocation> locate(Query q) {
    QuerySql s = QuerySql.locate(q);
    List<InstanceLocation> out = new ArrayList<>();
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(s.sql)) {
      bind(ps, s.params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(location(rs));
      }
    } catch (SQLException e) {
      throw new IndexException("locate failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** Every current instance, streamed (for verify). */
  public void forEachInstance(Consumer<InstanceLocation> action) {
    forEachInstance(null, action);
  }

  /** Every current instance received at or after {@code since} (all when null), streamed. */
  public void forEachInstance(Instant since, Consumer<InstanceLocation> action) {
    String sql = "SELECT st.study_uid, se.series_uid, " + QuerySql.INSTANCE_COLUMNS
        + " FROM instance i JOIN series se ON i.series_fk = se.pk JOIN study st ON i.study_fk = st.pk"
        + (since == null ? "" : " WHERE i.received_at >= ?") + " ORDER BY i.pk";
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (since != null) ps.setTimestamp(1, Timestamp.from(since));
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) action.accept(location(rs));
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IndexException("listing instances failed: " + e.getMessage(), e);
    }
  }

  /** Store keys of earlier versions (objects the index still refers to though not current). */
  public void forEachEarlierVersion(Consumer<String> storeKey) {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT store_key FROM instance_version")) {
      while (rs.next()) storeKey.accept(rs.getString(1));
    } catch (SQLException e) {
      throw new IndexException("listing versions failed: " + e.getMessage(), e);
    }
  }

  static InstanceLocation location(ResultSet rs) throws SQLException {
    return new InstanceLocation(
        rs.getLong("i_org"),
        rs.getString("study_uid"),
        rs.getString("series_uid"),
        rs.getString("sop_class_uid"),
        rs.getString("sop_instance_uid"),
        rs.getString("transfer_syntax"),
        rs.getString("store_key"),
        rs.getLong("object_size"),
        rs.getString("sha256"),
        rs.getLong("data_offset"),
        rs.getTimestamp("received_at").toInstant());
  }

  /** Whether any instance, current or earlier version, refers to an object. */
  public boolean isReferenced(String storeKey) {
    try (Connection c = pool.getConnection()) {
      return findPk(c, "SELECT pk FROM instance WHERE store_key = ?", storeKey).isPresent()
          || findPk(c, "SELECT pk FROM instance_version WHERE store_key = ?", storeKey).isPresent();
    } catch (SQLException e) {
      throw new IndexException("lookup failed: " + e.getMessage(), e);
    }
  }

  /** The current instance with this SOP Instance UID, if any. */
  public Optional<InstanceLocation> instance(long organisation, String sopInstanceUid) {
    List<InstanceLocation> l = locate(Query.of(Level.IMAGE, organisation).match(org.linnea.dicom.Tag.SOPInstanceUID, new Matching.Single(sopInstanceUid)));
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
  }

  /** Numbers of patients, studies, series, instances and earlier versions. */
  public long[] counts() {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      long[] out = new long[5];
      String[] tables = {"patient", "study", "series", "instance", "instance_version"};
      for (int k = 0; k < tables.length; k++) {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + tables[k])) {
          rs.next();
          out[k] = rs.getLong(1);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IndexException("counting failed: " + e.getMessage(), e);
    }
  }

  /** Deletes every patient, study, series, instance and version (before a reindex); keeps organisations, remote AEs and state. */
  public void clear() {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      for (String t : List.of("instance_version", "instance", "series", "study", "patient")) {
        st.executeUpdate("DELETE FROM " + t);
      }
      c.commit();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IndexException("clearing the index failed: " + e.getMessage(), e);
    }
  }

  // ---- node state and remote AEs ----------------------------------------------------------------

  public Optional<String> state(String name) {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT state_value FROM node_state WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IndexException("reading state failed: " + e.getMessage(), e);
    }
  }

  public void setState(String name, String value) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM node_state WHERE name = ?");
          PreparedStatement ins = c.prepareStatement("INSERT INTO node_state (name, state_value, updated_at) VALUES (?, ?, ?)")) {
        del.setString(1, name);
        del.executeUpdate();
        ins.setString(1, name);
        ins.setString(2, value);
        ins.setTimestamp(3, Timestamp.from(Instant.now()));
        ins.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IndexException("writing state failed: " + e.getMessage(), e);
    }
  }

  public List<RemoteAeEntry> remoteAes() {
    List<RemoteAeEntry> out = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT ae_title, host, port FROM remote_ae ORDER BY ae_title")) {
      while (rs.next()) out.add(new RemoteAeEntry(rs.getString(1), rs.getString(2), rs.getInt(3)));
    } catch (SQLException e) {
      throw new IndexException("listing remote AEs failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** Adds or updates a remote AE. */
  public void putRemoteAe(RemoteAeEntry ae) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM remote_ae WHERE ae_title = ?");
          PreparedStatement ins = c.prepareStatement("INSERT INTO remote_ae (ae_title, host, port, created_at) VALUES (?, ?, ?, ?)")) {
        del.setString(1, ae.aeTitle());
        del.executeUpdate();
        ins.setString(1, ae.aeTitle());
        ins.setString(2, ae.host());
        ins.setInt(3, ae.port());
        ins.setTimestamp(4, Timestamp.from(Instant.now()));
        ins.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IndexException("saving remote AE failed: " + e.getMessage(), e);
    }
  }

  public boolean removeRemoteAe(String aeTitle) {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM remote_ae WHERE ae_title = ?")) {
      ps.setString(1, aeTitle);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IndexException("removing remote AE failed: " + e.getMessage(), e);
    }
  }

  /** Whether the database answers (for health checks). */
  public boolean isHealthy() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
