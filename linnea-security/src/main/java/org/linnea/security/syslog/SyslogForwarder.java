package org.linnea.security.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.linnea.security.audit.AuditMessage;
import org.linnea.security.audit.AuditRecord;
import org.linnea.security.audit.AuditSink;
import org.linnea.security.audit.AuditXml;
import org.linnea.security.tls.TlsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends audit messages to a syslog collector: RFC 5424 messages with RFC 5425 octet-counting
 * framing ({@code MSG-LEN SP SYSLOG-MSG}), over TLS (or plain TCP when no TLS context is given —
 * for a collector on the same host only).
 *
 * <p>A message reads
 *
 * <pre>&lt;85&gt;1 2026-11-29T16:45:26.123Z node1 linnea 4242 IHE+RFC-3881 [linnea@32473 seq="7" hash="…"] BOM&lt;AuditMessage&gt;…</pre>
 *
 * <p>PRI 85 is facility 10 (security/authorization) and severity 5 (notice). When a log record is
 * forwarded ({@link #send(AuditRecord)}), its sequence number and hash travel in the structured
 * data: the collector then holds a copy of the chain's head, which is what shows records cut off
 * the end of the local log. (32473 is the example enterprise number of RFC 5612; a registered one
 * replaces it when Linnea has one.)
 *
 * <p>Delivery: messages go into a bounded queue and one thread sends them, reconnecting with
 * back-off (up to 30 s) when the collector is away; a message being written when a connection
 * breaks is sent again on the next one (so a collector may see it twice, never a torn one). When
 * the queue is full, new messages are dropped and counted ({@link #dropped()}): the local audit
 * log is the record of authority, the collector a copy. Never blocks the caller.
 */
public final class SyslogForwarder implements AuditSink, Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(SyslogForwarder.class);
  private static final int PRI = 10 * 8 + 5;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * Where and how to send.
   *
   * @param host collector host
   * @param port collector port (6514 for syslog over TLS)
   * @param tls the client TLS context; null for plain TCP
   * @param hostname HOSTNAME field: this node's name
   * @param appName APP-NAME field
   * @param queueCapacity messages held while the collector is away
   * @param reconnectDelay first delay after a failed connection, doubling up to 30 s
   */
  public record Settings(
      String host, int port, TlsContext tls, String hostname, String appName, int queueCapacity,
      Duration reconnectDelay) {
    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(appName, "appName");
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be positive");
      }
    }
  }

  private final Settings settings;
  private final BlockingQueue<String> queue;
  private final Thread sender;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final String procId = Long.toString(ProcessHandle.current().pid());
  private volatile boolean closed;
  /** Messages accepted and not yet written (queued or being written). */
  private final AtomicLong inFlight = new AtomicLong();
  private Socket socket;
  private OutputStream out;

  public SyslogForwarder(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.sender = new Thread(this::run, "syslog-forwarder");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void record(AuditMessage message) {
    enqueue(format(message, null));
  }

  /** Forwards a log record: the message, with the record's sequence number and hash. */
  public void send(AuditRecord record) {
    enqueue(format(record.message(), record));
  }

  /**
   * A sink that appends each message to the log and forwards the record (with its sequence number
   * and hash): the usual wiring of the audit trail with syslog.
   */
  public AuditSink after(org.linnea.security.audit.AuditLog log) {
    return m -> send(log.append(m));
  }

  /** Messages sent so far. */
  public long sent() {
    return sent.get();
  }

  /** Messages dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Waits until every queued message was written, or the timeout passed; true when drained. */
  public boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (inFlight.get() == 0) {
        return true;
      }
      Thread.sleep(10);
    }
    return inFlight.get() == 0;
  }

  private void enqueue(String msg) {
    inFlight.incrementAndGet();
    if (closed || !queue.offer(msg)) {
      inFlight.decrementAndGet();
      long n = dropped.incrementAndGet();
      if (n == 1 || n % 1000 == 0) {
        LOG.warn("syslog forwarding to {}:{}: queue full or closed, {} message(s) dropped so far",
            settings.host(), settings.port(), n);
      }
    }
  }

  /** The RFC 5424 message for an audit message (and its log record, if any). */
  public String format(AuditMessage m, AuditRecord record) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append('<').append(PRI).append(">1 ")
        .append(DateTimeFormatter.ISO_INSTANT.format(m.event().dateTime())).append(' ')
        .append(field(settings.hostname(), 255)).append(' ')
        .append(field(settings.appName(), 48)).append(' ')
        .append(field(procId, 128)).append(' ')
        .append("IHE+RFC-3881").append(' ');
    if (record == null) {
      sb.append('-');
    } else {
      sb.append("[linnea@32473 seq=\"").append(record.seq()).append("\" hash=\"")
          .append(record.hash()).append("\"]");
    }
    sb.append(" \uFEFF").append(AuditXml.write(m));
    return sb.toString();
  }

  /** A header field: printable US-ASCII without spaces, at most {@code max} characters, or "-". */
  private static String field(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c > 32 && c < 127 ? c : '_');
    }
    return b.isEmpty() ? "-" : b.toString();
  }

  /** RFC 5425 framing: the message's length in octets, a space, the message. */
  static byte[] frame(String msg) {
    byte[] body = msg.getBytes(StandardCharsets.UTF_8);
    byte[] head = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private void run() {
    Duration backoff = settings.reconnectDelay();
    String pending = null;
    while (!closed || pending != null || !queue.isEmpty()) {
      try {
        if (pending == null) {
          pending = queue.poll(200, TimeUnit.MILLISECONDS);
          if (pending == null) {
            continue;
          }
        }
        ensureConnected();
        out.write(frame(pending));
        out.flush();
        sent.incrementAndGet();
        inFlight.decrementAndGet();
        pending = null;
        backoff = settings.reconnectDelay();
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
      } catch (IOException e) {
        LOG.warn("syslog forwarding to {}:{} failed, retrying in {} ms: {}", settings.host(), settings.port(),
            backoff.toMillis(), e.toString());
        disconnect();
        if (closed) {
          break;
        }
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          break;
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
    disconnect();
  }

  private void ensureConnected() throws IOException {
    if (out != null) {
      return;
    }
    Socket s;
    if (settings.tls() != null) {
      s = settings.tls().socket(settings.host(), settings.port(), 5000);
      ((javax.net.ssl.SSLSocket) s).startHandshake();
    } else {
      s = new Socket();
      s.connect(new InetSocketAddress(settings.host(), settings.port()), 5000);
    }
    s.setTcpNoDelay(true);
    s.setKeepAlive(true);
    socket = s;
    out = s.getOutputStream();
    LOG.info("syslog forwarding connected to {}:{}{}", settings.host(), settings.port(),
        settings.tls() != null ? " over TLS" : "");
  }

  private void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken socket
      }
    }
    socket = null;
    out = null;
  }

  /** Sends what is queued (waiting up to 5 s), then stops. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** Sends what is queued (waiting up to {@code drainTimeout}), then stops; the rest is dropped. */
  public void close(Duration drainTimeout) {
    if (closed) {
      return;
    }
    try {
      drain(drainTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closed = true;
    sender.interrupt();
    try {
      sender.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
