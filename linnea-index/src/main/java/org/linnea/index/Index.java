package org.linnea.index;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
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
 * {@link #ingest} records an instance with its patient, study and series: find-or-insert of each
 * parent (by organisation and Patient ID with issuer, Study Instance UID, Series Instance UID), the
 * instance row, the counters of the computed attributes (numbers of related studies, series and
 * instances) and the study's lists (Modalities and SOP Classes in Study). One writer thread takes
 * the ingests of all associations and commits them in groups ({@link IndexWriter}, {@link
 * IngestBatch}); each caller returns once its group is committed. Nodes sharing a PostgreSQL
 * index race to insert the rows of a new study; the loser gets a unique-key violation (after the
 * winner's commit), rolls back and retries its batch, which then finds the rows. Counter updates
 * lock parent rows in a fixed order (series, study, patient, each by key), so concurrent writers
 * do not deadlock on them.
 *
 * <h2>Durability</h2>
 * With PostgreSQL a commit is durable when it returns (synchronous_commit, the default). The
 * embedded H2 writes each commit to its file before the commit returns (WRITE_DELAY=0); what a
 * crash of the machine loses of the operating system's cache the start-up sweep restores from the
 * object store, which is always forced first. After a process crash, {@link EmbeddedRepair}
 * rebuilds H2's unique indexes before anything is written.
 */
public final class Index implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Index.class);

  /** The organisation created by the first migration. */
  public static final long DEFAULT_ORGANISATION = 1;

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final IndexSettings settings;
  private final IndexWriter writer;

  private Index(IndexSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
    this.dialect = settings.dialect();
    this.writer = new IndexWriter(pool);
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
    // PostgreSQL: a JDBC batch of inserts as multi-row INSERTs (the reindex's bulk load); nothing else batches.
    if (settings.dialect() == Dialect.POSTGRESQL) hc.addDataSourceProperty("reWriteBatchedInserts", "true");
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
    if (settings.dialect() == Dialect.H2) {
      try {
        EmbeddedRepair.afterUncleanShutdown(ds);
      } catch (SQLException | RuntimeException e) {
        ds.close();
        throw new IndexException("cannot repair the embedded index at " + settings + " after an unclean shutdown: " + e.getMessage(), e);
      }
    }
    try {
      createInstanceIndexes(ds);
      restoreInstanceIdentity(ds, settings.dialect());
    } catch (SQLException e) {
      ds.close();
      throw new IndexException("cannot restore the instance indexes at " + settings + ": " + e.getMessage(), e);
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
    try {
      writer.close();
      if (dialect == Dialect.H2) EmbeddedRepair.markClosed(pool);
    } catch (SQLException e) {
      LOG.warn("index closed without its clean-shutdown mark: {}", e.getMessage());
    } finally {
      pool.close();
    }
  }

  // ---- ingest ---------------------------------------------------------------------------------

  /**
   * Records an instance and its parents, under the duplicate policy, and returns once that is
   * committed. Concurrent calls share transactions (group commit; see {@link IndexWriter}).
   *
   * @throws DuplicateInstanceException when the policy refuses the instance
   */
  public IngestOutcome ingest(InstanceRecord r, DuplicatePolicy policy) {
    try {
      return writer.submit(r, policy).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while recording " + r.sopInstanceUid(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IndexException ie) throw ie;
      throw new IndexException("cannot record instance " + r.sopInstanceUid() + ": " + e.getCause(), e.getCause());
    }
  }

  /**
   * Queues an instance to be recorded, as {@link #ingest}, without waiting for the commit: for
   * bulk writers (reindex) that keep many in flight. Waits while the writer's queue is full.
   */
  public java.util.concurrent.CompletableFuture<IngestOutcome> ingestAsync(InstanceRecord r, DuplicatePolicy policy) {
    return writer.submit(r, policy);
  }

  /**
   * Empties the index (as {@link #clear}) and starts a bulk load into it: the rebuild of a
   * reindex, with the doors closed. {@code onFailure} hears of records that could not be written.
   */
  public IndexRebuild rebuild(java.util.function.BiConsumer<InstanceRecord, Exception> onFailure) {
    clear();
    return new IndexRebuild(pool, dialect, onFailure);
  }

  /**
   * Queues an instance to be recorded whose object is still being made durable: the index
   * statements run at once, in parallel with the caller's forces, but the transaction commits
   * only after {@code durable} has completed normally (so a row never becomes visible before its
   * object is on disk). If {@code durable} fails, the instance is not recorded and the returned
   * future fails. The caller must complete {@code durable} in every case.
   */
  public java.util.concurrent.CompletableFuture<IngestOutcome> ingestAsync(InstanceRecord r, DuplicatePolicy policy,
      java.util.concurrent.Future<?> durable) {
    return writer.submit(r, policy, durable);
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


  private static Optional<Long> findPk(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, List.of(params));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
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
          new QueryResults(q).stream(rs, consumer);
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

  /**
   * The store key and organisation key of every instance row, current and earlier versions
   * (to record the ownership of objects stored before ownership was journalled).
   */
  public void forEachOwnership(java.util.function.BiConsumer<String, Long> action) {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT store_key, org_fk FROM instance UNION ALL SELECT store_key, org_fk FROM instance_version")) {
      while (rs.next()) action.accept(rs.getString(1), rs.getLong(2));
    } catch (SQLException e) {
      throw new IndexException("listing owners failed: " + e.getMessage(), e);
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

  /**
   * Deletes a study of {@code organisation} (or one series of it, {@code seriesUid} not null)
   * with its instances and their earlier versions, in one transaction; the parents' counters and
   * lists follow, and a study without series or a patient without studies goes too. Empty when
   * the organisation has no such study or series. The objects stay in the store: the caller moves
   * them.
   */
  public Optional<StudyDeletion> deleteStudy(long organisation, String studyUid, String seriesUid) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<StudyDeletion> d = StudyDeletion.run(c, organisation, studyUid, seriesUid);
        c.commit();
        return d;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IndexException("deleting study " + studyUid + " failed: " + e.getMessage(), e);
    }
  }

  /** The Patient ID of a study of {@code organisation} (for audit records), if the study is indexed. */
  public Optional<String> patientOfStudy(long organisation, String studyUid) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT p.patient_id FROM study s JOIN patient p ON s.patient_fk = p.pk WHERE s.org_fk = ? AND s.study_uid = ?")) {
      ps.setLong(1, organisation);
      ps.setString(2, studyUid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IndexException("lookup failed: " + e.getMessage(), e);
    }
  }

  /** Whether an instance of {@code organisation}, current or earlier version, refers to an object. */
  public boolean isReferencedBy(String storeKey, long organisation) {
    try (Connection c = pool.getConnection()) {
      return findPk(c, "SELECT pk FROM instance WHERE store_key = ? AND org_fk = ?", storeKey, organisation).isPresent()
          || findPk(c, "SELECT pk FROM instance_version WHERE store_key = ? AND org_fk = ?", storeKey, organisation).isPresent();
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
    List<String> tables = List.of("instance_version", "instance", "series", "study", "patient");
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      // TRUNCATE rather than DELETE: DELETE of a million rows takes minutes on H2.
      if (dialect == Dialect.POSTGRESQL) {
        st.executeUpdate("TRUNCATE " + String.join(", ", tables));
      } else {
        for (String t : tables) {
          // H2 truncates a table others refer to only with its referential checks off; they are all emptied together.
          st.executeUpdate("ALTER TABLE " + t + " SET REFERENTIAL_INTEGRITY FALSE");
          st.executeUpdate("TRUNCATE TABLE " + t);
        }
        for (String t : tables) st.executeUpdate("ALTER TABLE " + t + " SET REFERENTIAL_INTEGRITY TRUE");
      }
      c.commit();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IndexException("clearing the index failed: " + e.getMessage(), e);
    }
  }

  /**
   * The secondary indexes of the instance table, which a rebuild drops while it loads (building
   * them once at the end is faster than keeping them up to date row by row) and {@link #open}
   * restores if a rebuild was cut short.
   */
  static final List<String> INSTANCE_INDEXES = List.of("instance_series ON instance (series_fk)",
      "instance_study ON instance (study_fk, sop_class_uid)", "instance_store_key ON instance (store_key)");

  static void createInstanceIndexes(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      for (String ix : INSTANCE_INDEXES) st.executeUpdate("CREATE INDEX IF NOT EXISTS " + ix);
    }
  }

  /** H2: the instance table's unique key, which a rebuild drops while it loads. */
  static void restoreInstanceIdentity(DataSource pool, Dialect dialect) throws SQLException {
    if (dialect != Dialect.H2) return;
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("ALTER TABLE instance ADD CONSTRAINT IF NOT EXISTS instance_identity UNIQUE (org_fk, sop_instance_uid)");
    }
  }

  static void dropInstanceIndexes(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      for (String ix : INSTANCE_INDEXES) st.executeUpdate("DROP INDEX IF EXISTS " + ix.substring(0, ix.indexOf(' ')));
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
        ResultSet rs = st.executeQuery("SELECT ae_title, host, port, tls FROM remote_ae ORDER BY ae_title")) {
      while (rs.next()) out.add(new RemoteAeEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)));
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
          PreparedStatement ins = c.prepareStatement("INSERT INTO remote_ae (ae_title, host, port, created_at, tls) VALUES (?, ?, ?, ?, ?)")) {
        del.setString(1, ae.aeTitle());
        del.executeUpdate();
        ins.setString(1, ae.aeTitle());
        ins.setString(2, ae.host());
        ins.setInt(3, ae.port());
        ins.setTimestamp(4, Timestamp.from(Instant.now()));
        ins.setBoolean(5, ae.tls());
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
