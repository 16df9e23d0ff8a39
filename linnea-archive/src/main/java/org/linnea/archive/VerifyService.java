package org.linnea.archive;

import java.io.IOException;
import java.io.InputStream;
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
import org.linnea.index.InstanceLocation;
import org.linnea.store.ObjectNotFoundException;
import org.linnea.store.ObjectStore;
import org.linnea.store.Sha256;

/**
 * Re-reads every object the index refers to and checks its size and SHA-256 against what was
 * recorded at ingest; lists objects the index does not know. Finds bit rot, tampering, lost files
 * and stray files, with their paths.
 */
public final class VerifyService {
  private final ObjectStore store;
  private final Index index;
  private final int threads;

  public VerifyService(ObjectStore store, Index index, int threads) {
    this.store = store;
    this.index = index;
    this.threads = Math.max(1, threads);
  }

  /** One thing wrong. */
  public record Problem(Kind kind, String location, String sopInstanceUid, String detail) {
    public enum Kind { MISSING, CHANGED, UNINDEXED, UNREADABLE }

    @Override
    public String toString() {
      return kind + " " + location + (sopInstanceUid == null ? "" : " (SOP Instance UID " + sopInstanceUid + ")") + ": " + detail;
    }
  }

  public record Report(long instances, long objects, long bytes, List<Problem> problems, Duration took) {
    public boolean ok() {
      return problems.isEmpty();
    }

    @Override
    public String toString() {
      return String.format("%d indexed instances checked (%.1f MB), %d objects in the store, %d problems, in %.1f s",
          instances, bytes / 1e6, objects, problems.size(), took.toMillis() / 1000.0);
    }
  }

  public Report run(Progress progress) throws IOException {
    Instant start = Instant.now();
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    AtomicLong instances = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 64),
        Thread.ofPlatform().name("verify-", 0).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      index.forEachInstance(i -> pool.execute(() -> {
        check(i, problems);
        bytes.addAndGet(i.size());
        long n = instances.incrementAndGet();
        if (n % 1000 == 0) progress.update(n, -1);
      }));
    } finally {
      pool.shutdown();
      try {
        pool.awaitTermination(1, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    List<String> versions = new ArrayList<>();
    index.forEachEarlierVersion(versions::add);
    for (String key : versions) {
      if (store.stat(key).isEmpty()) {
        problems.add(new Problem(Problem.Kind.MISSING, store.describe(key), null, "earlier version's object is missing"));
      }
    }
    AtomicLong objects = new AtomicLong();
    List<String> unindexed = new ArrayList<>();
    store.forEachKey(k -> {
      objects.incrementAndGet();
      if (!index.isReferenced(k)) unindexed.add(k);
    });
    for (String k : unindexed) {
      problems.add(new Problem(Problem.Kind.UNINDEXED, store.describe(k), null, "object in the store that no index row refers to"));
    }
    progress.update(instances.get(), instances.get());
    return new Report(instances.get(), objects.get(), bytes.get(), List.copyOf(problems), Duration.between(start, Instant.now()));
  }

  private void check(InstanceLocation i, List<Problem> problems) {
    String where = store.describe(i.storeKey());
    try (InputStream in = store.open(i.storeKey())) {
      Sha256.Digest d = Sha256.of(in);
      if (d.size() != i.size() || !d.hex().equals(i.sha256())) {
        problems.add(new Problem(Problem.Kind.CHANGED, where, i.sopInstanceUid(),
            "recorded " + i.size() + " bytes SHA-256 " + i.sha256() + ", found " + d.size() + " bytes SHA-256 " + d.hex()));
      }
    } catch (ObjectNotFoundException e) {
      problems.add(new Problem(Problem.Kind.MISSING, where, i.sopInstanceUid(), "object missing"));
    } catch (IOException e) {
      problems.add(new Problem(Problem.Kind.UNREADABLE, where, i.sopInstanceUid(), e.getMessage()));
    }
  }
}
