package org.linnea.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit of directory entries. A rename is durable only once its directory has been forced
 * (fsync on the directory, POSIX); with many concurrent writers, one thread forces the directories
 * of everything renamed while it was busy with the previous batch, each directory once, and then
 * releases all waiting writers together. A writer never returns before the force of its own
 * directory has completed, so nothing is traded for the batching but a little latency.
 *
 * <p>File contents are forced by each writer in its own thread before the rename (the forces of
 * different files proceed in parallel and the file system's journal merges them).
 */
final class DirectorySyncer implements AutoCloseable {
  private record Request(Path dir, CompletableFuture<Void> done) {}

  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile long batches;
  private volatile long requests;

  DirectorySyncer(String name) {
    thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
  }

  /** Forces {@code dirs} to disk, batched with other writers' requests; returns when done. */
  void sync(List<Path> dirs) throws IOException {
    await(request(dirs));
  }

  /** Queues the forces of {@code dirs}; the future completes when all are done. */
  CompletableFuture<Void> request(List<Path> dirs) throws IOException {
    if (closed) {
      throw new StoreException("store closed");
    }
    CompletableFuture<?>[] futures = new CompletableFuture<?>[dirs.size()];
    for (int k = 0; k < futures.length; k++) {
      Request r = new Request(dirs.get(k), new CompletableFuture<>());
      futures[k] = r.done;
      queue.add(r);
    }
    return CompletableFuture.allOf(futures);
  }

  /** Waits for a {@link #request}. */
  static void await(CompletableFuture<Void> forced) throws IOException {
    try {
      forced.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while forcing directory to disk", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new StoreException("cannot force directory", e.getCause());
    }
  }

  /** Batches forced so far and requests served (a ratio above 1 means batching happened). */
  long[] counters() {
    return new long[] {batches, requests};
  }

  private void loop() {
    List<Request> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        if (closed) break;
        continue;
      }
      queue.drainTo(batch);
      Set<Path> dirs = new LinkedHashSet<>();
      for (Request r : batch) dirs.add(r.dir);
      java.util.Map<Path, IOException> failures = forceAll(dirs);
      for (Request r : batch) {
        IOException e = failures.get(r.dir);
        if (e == null) r.done.complete(null);
        else r.done.completeExceptionally(e);
      }
      batches++;
      requests += batch.size();
      batch.clear();
    }
    Request r;
    while ((r = queue.poll()) != null) {
      r.done.completeExceptionally(new StoreException("store closed"));
    }
  }

  /**
   * Forces the directories of a batch at once, one thread each: a file system with a journal
   * commits them together, so a batch costs about one force rather than one per directory (with
   * many associations, a batch holds as many directories as objects, each in its own fan folder).
   */
  private java.util.Map<Path, IOException> forceAll(Set<Path> dirs) {
    java.util.Map<Path, IOException> failures = new java.util.concurrent.ConcurrentHashMap<>();
    if (dirs.size() == 1) {
      Path d = dirs.iterator().next();
      try {
        force(d);
      } catch (IOException e) {
        failures.put(d, e);
      }
      return failures;
    }
    List<Thread> threads = new ArrayList<>(dirs.size());
    for (Path d : dirs) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          force(d);
        } catch (IOException e) {
          failures.put(d, e);
        }
      }));
    }
    for (int k = 0; k < threads.size(); k++) {
      try {
        threads.get(k).join();
      } catch (InterruptedException e) {
        // close() interrupts only an idle loop; finish the forces already started
        k--;
      }
    }
    return failures;
  }

  static void force(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
