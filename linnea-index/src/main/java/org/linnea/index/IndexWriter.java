package org.linnea.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes ingests to the index, with group commit: it takes every request
 * waiting (up to {@value #MAX_BATCH}), records them all in one transaction ({@link IngestBatch})
 * and commits once, then answers each. Requests that arrive while a commit is being forced to
 * disk wait for the next one, so under load many instances share one commit; alone, a request
 * is written at once.
 *
 * <p>One writer also keeps the embedded H2 safe across a crash. With several transactions
 * writing at once, H2 can write a chunk holding one transaction's change to an index map without
 * the undo record of that change; after a kill such an entry stays behind as a "leftover"
 * uncommitted key that no transaction owns, and H2's unique check then waits on it until its
 * lock timeout, on every retry — the start-up sweep that re-indexed the object livelocked. With
 * one writer every chunk H2 writes has each change together with its undo record, so a
 * transaction cut by a crash is rolled back whole at the next start.
 *
 * <p>A request may name a condition its commit must wait for ({@code durable}: the archive's
 * object being forced to disk). The writer executes the batch's statements while those objects
 * are still being forced and commits only once every one of them is durable, so that the index
 * work overlaps the forces while a row still becomes visible only after its object is on disk. A
 * request whose object fails to become durable is answered with that failure and the batch is
 * rolled back and written again without it.
 *
 * <p>A request that fails alone (a duplicate the policy refuses, a value the database rejects)
 * is answered with its failure and the batch is written without it; conflicts with other
 * writers of a shared PostgreSQL (unique-key races, deadlocks, serialisation failures) retry the
 * whole batch.
 */
final class IndexWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexWriter.class);
  static final int MAX_BATCH = 500;
  private static final int MAX_ATTEMPTS = 20;
  /** How long a commit waits for an object to become durable before giving up on that request. */
  static final long DURABLE_TIMEOUT_SECONDS = 120;

  private record Request(InstanceRecord record, DuplicatePolicy policy, Future<?> durable, CompletableFuture<IngestOutcome> result) {}

  private final DataSource pool;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(4 * MAX_BATCH);
  private final Thread thread;
  private volatile boolean closing;
  /** The writer's own connection and the statements prepared on it, kept across batches (writer thread only). */
  private Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  IndexWriter(DataSource pool) {
    this.pool = pool;
    this.thread = Thread.ofPlatform().daemon().name("linnea-index-writer").start(this::run);
  }

  /** Queues an ingest; waits while the queue is full (back pressure on bulk writers such as reindex). */
  CompletableFuture<IngestOutcome> submit(InstanceRecord r, DuplicatePolicy policy) {
    return submit(r, policy, CompletableFuture.completedFuture(null));
  }

  /** As {@link #submit(InstanceRecord, DuplicatePolicy)}, committed only once {@code durable} has completed normally. */
  CompletableFuture<IngestOutcome> submit(InstanceRecord r, DuplicatePolicy policy, Future<?> durable) {
    CompletableFuture<IngestOutcome> f = new CompletableFuture<>();
    if (closing) {
      f.completeExceptionally(new IndexException("the index is closed"));
      return f;
    }
    try {
      queue.put(new Request(r, policy, durable, f));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.completeExceptionally(new IndexException("interrupted while waiting to record " + r.sopInstanceUid(), e));
    }
    return f;
  }

  private void run() {
    List<Request> batch = new ArrayList<>(MAX_BATCH);
    while (!closing || !queue.isEmpty()) {
      try {
        Request first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        if (!closing) LOG.warn("index writer interrupted");
        dropConnection(); // rolls back what the batch wrote: nothing of it may be committed later
        for (Request r : batch) r.result.completeExceptionally(new IndexException("index writer interrupted", e));
      } catch (Throwable t) {
        LOG.error("index writer failed: {}", t.toString(), t);
        dropConnection();
        for (Request r : batch) r.result.completeExceptionally(new IndexException("index writer failed: " + t, t));
      } finally {
        batch.clear();
      }
    }
    dropConnection();
  }

  /** Writes a batch in one transaction, retrying conflicts and leaving out requests that fail alone. */
  private void write(List<Request> batch) throws InterruptedException {
    List<Request> pending = new ArrayList<>(batch);
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); ) {
      Map<Request, Object> results = new IdentityHashMap<>();
      Request current = null;
      try {
        Connection c = connection();
        try (IngestBatch b = new IngestBatch(c, statements)) {
          for (Request r : pending) {
            current = r;
            try {
              results.put(r, b.ingest(r.record, r.policy));
            } catch (DuplicateInstanceException e) {
              results.put(r, e); // refused before anything was written
            }
          }
          current = null;
          b.finish();
          List<Request> notDurable = awaitDurable(pending, results);
          if (!notDurable.isEmpty()) {
            // Their rows must not become visible: write the batch again without them.
            c.rollback();
            pending.removeAll(notDurable);
            continue;
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
        for (Request r : pending) {
          Object o = results.get(r);
          if (o instanceof IngestOutcome out) r.result.complete(out);
          else r.result.completeExceptionally((Throwable) o);
        }
        return;
      } catch (SQLException e) {
        dropConnection(); // a connection that failed is not trusted with the next batch
        if (Index.isRetryable(e) || isConnectionFailure(e)) {
          last = e;
          Thread.sleep(Math.min(200, attempt * attempt * 2L));
          attempt++;
        } else if (current != null) {
          pending.remove(current);
          current.result.completeExceptionally(new IndexException("cannot record instance " + current.record.sopInstanceUid() + ": " + e.getMessage(), e));
        } else {
          fail(pending, new IndexException("cannot record " + pending.size() + " instances: " + e.getMessage(), e));
          return;
        }
      } catch (RuntimeException e) {
        if (current == null) {
          fail(pending, new IndexException("cannot record " + pending.size() + " instances: " + e.getMessage(), e));
          return;
        }
        pending.remove(current);
        current.result.completeExceptionally(e instanceof IndexException ie ? ie
            : new IndexException("cannot record instance " + current.record.sopInstanceUid() + ": " + e.getMessage(), e));
      }
    }
    if (!pending.isEmpty()) {
      fail(pending, new IndexException("cannot record " + pending.size() + " instances after " + MAX_ATTEMPTS + " attempts: "
          + (last == null ? "no reason" : last.getMessage()), last));
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = pool.getConnection();
      c.setAutoCommit(false);
      connection = c;
    }
    return connection;
  }

  private void dropConnection() {
    statements.clear();
    if (connection == null) return;
    try {
      if (!connection.isClosed()) connection.rollback();
    } catch (SQLException e) {
      LOG.debug("rolling back the index writer's connection: {}", e.getMessage());
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing the index writer's connection: {}", e.getMessage());
    }
    connection = null;
  }

  /**
   * Waits until the object of every request the batch recorded is durable; answers and returns
   * those whose object could not be stored (their rows are still uncommitted).
   */
  private static List<Request> awaitDurable(List<Request> pending, Map<Request, Object> results) throws InterruptedException {
    List<Request> failed = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DURABLE_TIMEOUT_SECONDS);
    for (Request r : pending) {
      if (!(results.get(r) instanceof IngestOutcome)) continue; // refused: nothing to commit for it
      Throwable why = null;
      try {
        r.durable.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        why = e.getCause();
      } catch (TimeoutException e) {
        why = e;
      }
      if (why != null) {
        failed.add(r);
        r.result.completeExceptionally(new IndexException("not recorded: the object of " + r.record.sopInstanceUid()
            + " was not stored durably (" + why + ")", why));
      }
    }
    return failed;
  }

  /** The kept connection broke (SQLSTATE class 08, e.g. a restarted PostgreSQL): retry on a new one. */
  private static boolean isConnectionFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) return true;
    }
    return false;
  }

  private static void fail(List<Request> requests, IndexException e) {
    for (Request r : requests) r.result.completeExceptionally(e);
  }

  /** Writes what is queued, then stops the thread. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
