package org.linnea.archive;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.InstanceRecord;
import org.linnea.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index from the store alone: empties it, then reads the header of every object (up
 * to Pixel Data, on {@code threads} threads) and hands it to the index writer, which records them
 * in batches, one transaction per batch. Where the store holds several versions of one SOP Instance UID (replacements), the
 * one stored last becomes current and the others earlier versions, as they were. Objects that
 * are not DICOM instances are reported and left alone. Each object is indexed into every
 * organisation the {@link OwnershipJournal} records as its owner (see {@link Ownership} for
 * objects without a record).
 *
 * <p>Run with the doors closed: instances arriving meanwhile would be indexed twice or not at all.
 */
public final class ReindexService {
  private static final Logger LOG = LoggerFactory.getLogger(ReindexService.class);

  private final ObjectStore store;
  private final Index index;
  private final Ownership ownership;
  private final int threads;

  ReindexService(ObjectStore store, Index index, Ownership ownership, int threads) {
    this.store = store;
    this.index = index;
    this.ownership = ownership;
    this.threads = Math.max(1, threads);
  }

  /** What a reindex did. */
  public record Report(long objects, long indexed, List<String> failures, Duration took) {
    public double rate() {
      return took.toMillis() == 0 ? indexed : indexed * 1000.0 / took.toMillis();
    }

    @Override
    public String toString() {
      return String.format("%d objects, %d indexed, %d not indexable, in %.1f s (%.0f objects/s)", objects, indexed, failures.size(),
          took.toMillis() / 1000.0, rate());
    }
  }

  private static void finished(AtomicLong done, Progress progress) {
    long d = done.incrementAndGet();
    if (d % 1000 == 0) progress.update(d, -1);
    synchronized (done) {
      done.notifyAll();
    }
  }

  public Report run(Progress progress) throws IOException {
    Instant start = Instant.now();
    Ownership.Snapshot owners = ownership.snapshot();
    index.clear();
    AtomicLong seen = new AtomicLong();
    AtomicLong done = new AtomicLong();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 64),
        Thread.ofPlatform().name("reindex-", 0).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
    Source source = new Source("REINDEX", start.toString());
    try {
      store.forEachKey(key -> {
        seen.incrementAndGet();
        pool.execute(() -> {
          try {
            // Headers are read here, in parallel; the index writer records them in batches of
            // up to a few hundred instances per transaction.
            List<InstanceRecord> records = StoredObjects.records(store, key, owners::of, source);
            if (records.isEmpty()) {
              String to = ownership.setAside(store, key);
              LOG.warn("set aside an object with no owner recorded (a write a crash interrupted before acknowledgement) object={} to={}", key, to);
              failures.add(store.describe(key) + ": no owning organisation recorded (stored, never acknowledged); set aside as " + to);
              finished(done, progress);
              return;
            }
            CompletableFuture<?>[] all = records.stream().map(r -> index.ingestAsync(r, DuplicatePolicy.KEEP_NEWEST)).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(all).whenComplete((outcome, e) -> {
              Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
              if (t != null) failures.add(store.describe(key) + ": " + t.getMessage());
              finished(done, progress);
            });
          } catch (IOException | RuntimeException e) {
            failures.add(store.describe(key) + ": " + e.getMessage());
            finished(done, progress);
          }
        });
      });
    } finally {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(1, TimeUnit.DAYS)) throw new IOException("reindex did not finish");
        synchronized (done) {
          while (done.get() < seen.get()) done.wait(1000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    progress.update(done.get(), seen.get());
    index.setState(RecoverySweep.MARK, start.toString());
    Report r = new Report(seen.get(), seen.get() - failures.size(), List.copyOf(failures), Duration.between(start, Instant.now()));
    LOG.info("reindex: {}", r);
    return r;
  }
}
