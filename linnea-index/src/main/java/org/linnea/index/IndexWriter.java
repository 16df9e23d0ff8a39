package org.linnea.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * <p>A request that fails alone (a duplicate the policy refuses, a value the database rejects)
 * is answered with its failure and the batch is written without it; conflicts with other
 * writers of a shared PostgreSQL (unique-key races, deadlocks, serialisation failures) retry the
 * whole batch.
 */
final class IndexWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexWriter.class);
  static final int MAX_BATCH = 500;
  private static final int MAX_ATTEMPTS = 20;

  private record Request(InstanceRecord record, DuplicatePolicy policy, CompletableFuture<IngestOutcome> result) {}

  private final DataSource pool;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(4 * MAX_BATCH);
  private final Thread thread;
  private volatile boolean closing;

  IndexWriter(DataSource pool) {
    this.pool = pool;
    this.thread = Thread.ofPlatform().daemon().name("linnea-index-writer").start(this::run);
  }

  /** Queues an ingest; waits while the queue is full (back pressure on bulk writers such as reindex). */
  CompletableFuture<IngestOutcome> submit(InstanceRecord r, DuplicatePolicy policy) {
    CompletableFuture<IngestOutcome> f = new CompletableFuture<>();
    if (closing) {
      f.completeExceptionally(new IndexException("the index is closed"));
      return f;
    }
    try {
      queue.put(new Request(r, policy, f));
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
      } catch (Throwable t) {
        LOG.error("index writer failed: {}", t.toString(), t);
        for (Request r : batch) r.result.completeExceptionally(new IndexException("index writer failed: " + t, t));
      } finally {
        batch.clear();
      }
    }
  }

  /** Writes a batch in one transaction, retrying conflicts and leaving out requests that fail alone. */
  private void write(List<Request> batch) throws InterruptedException {
    List<Request> pending = new ArrayList<>(batch);
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); ) {
      Map<Request, Object> results = new IdentityHashMap<>();
      Request current = null;
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try (IngestBatch b = new IngestBatch(c)) {
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
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
        for (Request r : pending) {
          Object o = results.get(r);
          if (o instanceof IngestOutcome out) r.result.complete(out);
          else r.result.completeExceptionally((Throwable) o);
        }
        return;
      } catch (SQLException e) {
        if (Index.isRetryable(e)) {
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
