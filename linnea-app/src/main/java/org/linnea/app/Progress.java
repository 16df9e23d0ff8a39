package org.linnea.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr: a bar redrawn in place when stderr is a terminal, otherwise a line every five
 * seconds (so logs of scripted runs stay readable).
 */
final class Progress {
  private final PrintWriter err;
  private final int total;
  private final AtomicInteger sent;
  private final AtomicInteger warned;
  private final AtomicInteger failed;
  private final AtomicLong bytes;
  private final boolean terminal;
  private final long t0 = System.nanoTime();
  private Thread thread;

  Progress(PrintWriter err, int total, AtomicInteger sent, AtomicInteger warned, AtomicInteger failed, AtomicLong bytes) {
    this.err = err;
    this.total = total;
    this.sent = sent;
    this.warned = warned;
    this.failed = failed;
    this.bytes = bytes;
    this.terminal = stderrIsTerminal();
  }

  /** Whether file descriptor 2 is a terminal (Linux: a link to /dev/pts/N or /dev/ttyN). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }

  void start() {
    thread = Thread.ofPlatform().daemon(true).name("progress").start(() -> {
      long interval = terminal ? 200 : 5000;
      try {
        while (true) {
          Thread.sleep(interval);
          print(false);
        }
      } catch (InterruptedException e) {
        // stopped
      }
    });
  }

  void stop() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal) {
      print(true);
      err.println();
      err.flush();
    }
  }

  private synchronized void print(boolean last) {
    int done = sent.get() + warned.get() + failed.get();
    double secs = Math.max(0.001, (System.nanoTime() - t0) / 1e9);
    String stats = String.format("%d/%d files, %.1f MB, %.0f files/s%s", done, total, bytes.get() / 1e6, done / secs,
        failed.get() > 0 ? ", " + failed.get() + " failed" : "");
    if (terminal) {
      int width = 30;
      int filled = total == 0 ? width : (int) ((long) done * width / total);
      err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + stats + "   ");
    } else {
      err.println("linnea: " + stats);
    }
    err.flush();
  }
}
