package org.linnea.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit of forces to disk: directory entries ({@code fsync} on the directory, which makes
 * a rename or link durable, POSIX) and file contents ({@code fdatasync}). With many concurrent
 * writers, one thread takes every force requested while it was busy with the previous round,
 * each directory once, issues them all at the same time (one thread each, so that a journalling
 * file system commits them in one journal transaction rather than one after another), and then
 * releases all waiting writers together. A writer never returns before its own forces have
 * completed, so nothing is traded for the batching but a little latency.
 *
 * <p>Forces issued by writers at arbitrary moments each start or wait for a journal commit of
 * their own; gathered in rounds, a round costs about one.
 */
final class DirectorySyncer implements AutoCloseable {
  /** A force to do; {@code key} identifies it so that one round does each once (a directory's path, a file's channel). */
  private record Request(Object key, Force force, CompletableFuture<Void> done) {}

  @FunctionalInterface
  private interface Force {
    void run() throws IOException;
  }

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
    await(request(dirs, null));
  }

  /**
   * Queues the forces of {@code dirs} and, if not null, of {@code file}'s content (not its
   * timestamps); the future completes when all are done.
   */
  CompletableFuture<Void> request(List<Path> dirs, FileChannel file) throws IOException {
    if (closed) {
      throw new StoreException("store closed");
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>(dirs.size() + 1);
    if (file != null) {
      Request r = new Request(file, () -> file.force(false), new CompletableFuture<>());
      futures.add(r.done);
      queue.add(r);
    }
    for (Path d : dirs) {
      Request r = new Request(d, () -> force(d), new CompletableFuture<>());
      futures.add(r.done);
      queue.add(r);
    }
    return futures.size() == 1 ? futures.getFirst() : CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new));
  }

  /** Waits for a {@link #request}. */
  static void await(CompletableFuture<Void> forced) throws IOException {
    try {
      forced.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while forcing to disk", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new StoreException("cannot force to disk", e.getCause());
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
      Map<Object, Force> forces = new LinkedHashMap<>();
      for (Request r : batch) forces.putIfAbsent(r.key, r.force);
      Map<Object, IOException> failures = forceAll(forces);
      for (Request r : batch) {
        IOException e = failures.get(r.key);
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
   * Issues the forces of a round at once, one thread each: a file system with a journal
   * commits them together, so a round costs about one force rather than one per request.
   */
  private static Map<Object, IOException> forceAll(Map<Object, Force> forces) {
    Map<Object, IOException> failures = new ConcurrentHashMap<>();
    if (forces.size() == 1) {
      var only = forces.entrySet().iterator().next();
      run(only.getKey(), only.getValue(), failures);
      return failures;
    }
    List<Thread> threads = new ArrayList<>(forces.size());
    forces.forEach((key, force) -> threads.add(Thread.ofVirtual().start(() -> run(key, force, failures))));
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

  private static void run(Object key, Force force, Map<Object, IOException> failures) {
    try {
      force.run();
    } catch (IOException e) {
      failures.put(key, e);
    } catch (RuntimeException e) {
      failures.put(key, new IOException("cannot force to disk: " + e, e));
    }
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
