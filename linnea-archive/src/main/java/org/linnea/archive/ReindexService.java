package org.linnea.archive;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.linnea.index.Index;
import org.linnea.index.IndexRebuild;
import org.linnea.index.InstanceRecord;
import org.linnea.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index from the store alone: empties it, then reads the header of every object (up
 * to Pixel Data, on {@code threads} threads) and hands it to a bulk load ({@link IndexRebuild}):
 * JDBC batches, thousands of instances per transaction, no duplicate lookup but for repeated
 * SOP Instance UIDs. Where the store holds several versions of one SOP Instance UID (replacements), the
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
  }

  public Report run(Progress progress) throws IOException {
    Instant start = Instant.now();
    Ownership.Snapshot owners = ownership.snapshot();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    IndexRebuild rebuild = index.rebuild((r, e) -> failures.add(store.describe(r.storeKey()) + ": " + e.getMessage()));
    AtomicLong seen = new AtomicLong();
    AtomicLong done = new AtomicLong();
    ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 64),
        Thread.ofPlatform().name("reindex-", 0).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
    Source source = new Source("REINDEX", start.toString());
    try {
      store.forEachKey(key -> {
        seen.incrementAndGet();
        pool.execute(() -> {
          try {
            // Headers are read here, in parallel (up to Pixel Data); one loader thread writes
            // them in JDBC batches, thousands per transaction (IndexRebuild).
            List<InstanceRecord> records = StoredObjects.records(store, key, owners::of, source);
            if (records.isEmpty()) {
              String to = ownership.setAside(store, key);
              LOG.warn("set aside an object with no owner recorded (a write a crash interrupted before acknowledgement) object={} to={}", key, to);
              failures.add(store.describe(key) + ": no owning organisation recorded (stored, never acknowledged); set aside as " + to);
              finished(done, progress);
              return;
            }
            records.forEach(rebuild::add);
            finished(done, progress);
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } finally {
        rebuild.close();
      }
    }
    progress.update(done.get(), seen.get());
    index.setState(RecoverySweep.MARK, start.toString());
    Report r = new Report(seen.get(), seen.get() - failures.size(), List.copyOf(failures), Duration.between(start, Instant.now()));
    LOG.info("reindex: {}", r);
    return r;
  }
}
