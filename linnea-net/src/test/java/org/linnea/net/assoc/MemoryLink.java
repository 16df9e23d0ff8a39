package org.linnea.net.assoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory transport for protocol tests: two connected links over bounded byte pipes, with read
 * timeouts and close semantics like a socket (closing either end ends both directions).
 */
public final class MemoryLink implements Link {
  private final Pipe in;
  private final Pipe out;
  private final String name;
  private volatile int timeout;

  private MemoryLink(Pipe in, Pipe out, String name) {
    this.in = in;
    this.out = out;
    this.name = name;
  }

  /** Two ends: what one writes, the other reads. */
  public static MemoryLink[] pair() {
    Pipe a = new Pipe(1 << 16);
    Pipe b = new Pipe(1 << 16);
    return new MemoryLink[] {new MemoryLink(a, b, "memory-requestor:1"), new MemoryLink(b, a, "memory-acceptor:2")};
  }

  @Override
  public InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len, timeout);
      }
    };
  }

  @Override
  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }
    };
  }

  @Override
  public void setReadTimeout(int millis) {
    timeout = millis;
  }

  @Override
  public String remoteAddress() {
    return name;
  }

  @Override
  public String remoteHost() {
    return "memory";
  }

  @Override
  public void close() {
    in.close();
    out.close();
  }

  /** A bounded byte ring buffer; writers block when full, readers when empty. */
  static final class Pipe {
    private final byte[] buf;
    private int head;
    private int count;
    private boolean closed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    Pipe(int size) {
      buf = new byte[size];
    }

    int read(byte[] b, int off, int len, int timeoutMillis) throws IOException {
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (count == 0) {
          if (closed) {
            return -1;
          }
          if (timeoutMillis > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw new SocketTimeoutException("read timed out");
            }
            changed.awaitNanos(left);
          } else {
            changed.await();
          }
        }
        int n = Math.min(len, count);
        for (int i = 0; i < n; i++) {
          b[off + i] = buf[(head + i) % buf.length];
        }
        head = (head + n) % buf.length;
        count -= n;
        changed.signalAll();
        return n;
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      } finally {
        lock.unlock();
      }
    }

    void write(byte[] b, int off, int len) throws IOException {
      lock.lock();
      try {
        while (len > 0) {
          while (count == buf.length && !closed) {
            changed.await();
          }
          if (closed) {
            throw new SocketException("Socket closed");
          }
          int n = Math.min(len, buf.length - count);
          for (int i = 0; i < n; i++) {
            buf[(head + count + i) % buf.length] = b[off + i];
          }
          count += n;
          off += n;
          len -= n;
          changed.signalAll();
        }
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      } finally {
        lock.unlock();
      }
    }

    void close() {
      lock.lock();
      try {
        closed = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
