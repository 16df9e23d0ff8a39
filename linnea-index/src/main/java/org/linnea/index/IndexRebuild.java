package org.linnea.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk load of an index emptied for a rebuild (reindex): {@link IngestBatch} without the
 * duplicate lookup, for an index that holds nothing but what this load wrote.
 *
 * <ul>
 *   <li>No duplicate lookup per instance: the load remembers a 64-bit hash of every (organisation,
 *       SOP Instance UID) it wrote; a repeated hash (another version of a replaced instance, or a
 *       collision) is recorded after the load, with the indexes back, by {@link
 *       IngestBatch#ingest} under "keep newest", which looks the row up.
 *   <li>Instance rows go in JDBC batches ({@code addBatch}/{@code executeBatch}), up to {@value
 *       #PER_TRANSACTION} instances or one second's worth per transaction; parents, counters and
 *       study lists as {@link IngestBatch} writes them, once per transaction.
 *   <li>The instance table's secondary indexes are dropped for the load and built at its end
 *       (and by {@link Index#open} if a rebuild was cut short).
 *   <li>One thread writes ({@code linnea-index-rebuild}); callers hand records over through a
 *       bounded queue and go on reading headers.
 * </ul>
 *
 * <p>A transaction that fails is rolled back and its records are written again one at a time,
 * so that a bad record is reported alone. Run with the doors closed (as reindex is).
 */
public final class IndexRebuild implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRebuild.class);
  static final int PER_TRANSACTION = 5000;
  private static final Object END = new Object();

  private final DataSource pool;
  private final Dialect dialect;
  private final BiConsumer<InstanceRecord, Exception> onFailure;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4 * PER_TRANSACTION);
  private final Set<Long> written = new HashSet<>();
  private final List<InstanceRecord> repeats = new ArrayList<>();
  private final Thread thread;
  private volatile Throwable failed;

  IndexRebuild(DataSource pool, Dialect dialect, BiConsumer<InstanceRecord, Exception> onFailure) {
    this.pool = pool;
    this.dialect = dialect;
    this.onFailure = onFailure;
    try {
      Index.dropInstanceIndexes(pool);
      if (dialect == Dialect.H2) {
        // H2 writes an identity sequence's state to its metadata (a commit of its own) every
        // CACHE values, 32 by default: more than half the load's time. Gaps after a crash are harmless.
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
          st.executeUpdate("ALTER TABLE instance ALTER COLUMN pk SET CACHE 100000");
          // The unique key too (built at the end; restored by Index.open after a cut rebuild):
          // repeated SOP Instance UIDs, which need it for their lookup, are recorded after the load.
          st.executeUpdate("ALTER TABLE instance DROP CONSTRAINT IF EXISTS instance_identity");
        }
      }
    } catch (SQLException e) {
      throw new IndexException("cannot drop the instance indexes for the rebuild: " + e.getMessage(), e);
    }
    this.thread = Thread.ofPlatform().name("linnea-index-rebuild").start(this::run);
  }

  /** Hands a record to the loader; waits while its queue is full. */
  public void add(InstanceRecord r) {
    if (failed != null) throw new IndexException("the rebuild failed: " + failed.getMessage(), failed);
    try {
      queue.put(r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while handing over " + r.sopInstanceUid(), e);
    }
  }

  /** Writes what is queued, commits, and ends the loader. */
  @Override
  public void close() {
    try {
      if (thread.isAlive()) queue.put(END);
      thread.join();
      Index.createInstanceIndexes(pool);
      Index.restoreInstanceIdentity(pool, dialect);
      if (failed == null) writeRepeats();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while finishing the rebuild", e);
    } catch (SQLException e) {
      throw new IndexException("cannot build the instance indexes after the rebuild: " + e.getMessage(), e);
    }
    if (failed != null) throw new IndexException("the rebuild failed: " + failed.getMessage(), failed);
  }

  private void run() {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<InstanceRecord> chunk = new ArrayList<>(PER_TRANSACTION);
        IngestBatch batch = null;
        long began = 0;
        while (true) {
          Object o = queue.poll(100, TimeUnit.MILLISECONDS);
          if (o == END) break;
          if (o instanceof InstanceRecord r) {
            if (batch == null) {
              batch = new IngestBatch(c);
              began = System.nanoTime();
            }
            chunk.add(r);
            try {
              if (written.add(hash(r))) {
                batch.ingestNew(r);
              } else {
                chunk.remove(chunk.size() - 1);
                repeats.add(r); // recorded after the load, with the unique key and indexes back
              }
            } catch (SQLException | RuntimeException e) {
              batch = replay(c, batch, chunk, e);
              continue;
            }
          }
          if (batch != null && (chunk.size() >= PER_TRANSACTION || System.nanoTime() - began > 1_000_000_000L)) {
            batch = commit(c, batch, chunk);
          }
        }
        if (batch != null) commit(c, batch, chunk);
      } finally {
        c.setAutoCommit(true);
      }
    } catch (Throwable t) {
      failed = t;
      LOG.error("index rebuild failed: {}", t.toString(), t);
      queue.clear();
    }
  }

  /** Commits the transaction; returns null (the next record starts a new batch). */
  private IngestBatch commit(Connection c, IngestBatch batch, List<InstanceRecord> chunk) throws SQLException {
    try {
      batch.finish();
      c.commit();
      batch.close();
      chunk.clear();
      return null;
    } catch (SQLException | RuntimeException e) {
      return replay(c, batch, chunk, e);
    }
  }

  /** Rolls the transaction back and writes its records again one at a time, each committed alone. */
  private IngestBatch replay(Connection c, IngestBatch batch, List<InstanceRecord> chunk, Exception cause) throws SQLException {
    c.rollback();
    batch.close();
    LOG.warn("index rebuild: a transaction of {} records failed ({}); writing them one at a time", chunk.size(), cause.toString());
    writeAlone(c, chunk);
    chunk.clear();
    return null;
  }

  /** Writes each record in a transaction of its own (under "keep newest"); a failure goes to {@code onFailure}. */
  private void writeAlone(Connection c, List<InstanceRecord> records) throws SQLException {
    for (InstanceRecord r : records) {
      try (IngestBatch one = new IngestBatch(c)) {
        one.ingest(r, DuplicatePolicy.KEEP_NEWEST);
        one.finish();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        onFailure.accept(r, e);
      }
    }
  }

  /** Repeated SOP Instance UIDs (other versions of replaced instances), under "keep newest", each alone. */
  private void writeRepeats() throws SQLException {
    if (repeats.isEmpty()) return;
    LOG.info("index rebuild: recording repeated SOP Instance UIDs count={}", repeats.size());
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        writeAlone(c, repeats);
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static long hash(InstanceRecord r) {
    long h = 1125899906842597L + r.organisation();
    String s = r.sopInstanceUid();
    for (int k = 0; k < s.length(); k++) h = 31 * h + s.charAt(k);
    return h ^ (h >>> 29) * 0x9E3779B97F4A7C15L;
  }
}
