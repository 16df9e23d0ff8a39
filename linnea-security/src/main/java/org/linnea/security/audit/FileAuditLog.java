package org.linnea.security.audit;

import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linnea.security.audit.AuditVerification.Kind;
import org.linnea.security.audit.AuditVerification.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a JSON Lines file, one record per line:
 *
 * <pre>{"hash":"&lt;sha-256 hex&gt;","record":{"seq":7,"prev":"&lt;hash of 6&gt;","recorded":"2026-…Z","message":{…}}}</pre>
 *
 * <p>{@code hash} is the SHA-256 of the exact UTF-8 bytes of the {@code record} object as it
 * stands in the line ({@link AuditChain}), so verification needs no canonical JSON: it hashes the
 * bytes between {@code "record":} and the final <code>}</code>.
 *
 * <p>Durability: records are appended with one {@code write} each and made durable in batches —
 * after {@code syncEvery} records, or {@code syncInterval} after the first unsynced one, or on
 * {@link #flush()} / {@link #close()}. A crash can lose the unsynced tail, never earlier records.
 * The file is opened for append only and never rewritten; the one exception is on opening: an
 * incomplete last line (a write torn by a crash, never synced) is cut off, with a warning.
 *
 * <p>One writer at a time: the file is locked while open ({@link FileChannel#tryLock()}); reading
 * it ({@link #verify(Path)}) needs no lock.
 *
 * <p>{@link #search} and {@link #verify} read the whole file: fine for the embedded default; the
 * JDBC implementation indexes. Thread-safe.
 */
public final class FileAuditLog implements AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
  private static final Pattern FRAME =
      Pattern.compile("\\{\"hash\":\"([0-9a-f]{64})\",\"record\":(\\{.*\\})\\}");

  /**
   * Durability settings.
   *
   * @param syncEvery fsync after this many unsynced records
   * @param syncInterval fsync at most this long after an unsynced record
   */
  public record Settings(int syncEvery, Duration syncInterval) {
    public static final Settings DEFAULT = new Settings(64, Duration.ofMillis(200));
  }

  private final Path file;
  private final Settings settings;
  private final InstantSource clock;
  private final FileChannel channel;
  private final ScheduledExecutorService syncer;
  private long lastSeq;
  private String lastHash;
  private int unsynced;
  private boolean syncScheduled;
  private boolean closed;

  private FileAuditLog(Path file, Settings settings, InstantSource clock) throws IOException {
    this.file = file;
    this.settings = settings;
    this.clock = clock;
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // Not APPEND: the same (locked) channel reads the tail and may cut it; closing another channel
    // on the file would drop the lock (POSIX record locks belong to the process and file).
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    // Two writers would fork the chain: one process (and one instance) at a time. Lock before
    // looking at the tail, which another writer may be extending.
    java.nio.channels.FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("the audit log " + file + " is open for writing elsewhere");
    }
    try {
      cutTornTail(file, channel);
      Head head = readHead(file, channel);
      this.lastSeq = head.seq;
      this.lastHash = head.hash;
      channel.position(channel.size());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-log-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens (or creates) the log in {@code file}. */
  public static FileAuditLog open(Path file, Settings settings, InstantSource clock)
      throws IOException {
    return new FileAuditLog(
        Objects.requireNonNull(file), Objects.requireNonNull(settings), Objects.requireNonNull(clock));
  }

  /** Opens (or creates) the log with the default settings and the system clock. */
  public static FileAuditLog open(Path file) throws IOException {
    return open(file, Settings.DEFAULT, InstantSource.system());
  }

  /** The file the log is in. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized AuditRecord append(AuditMessage message) {
    if (closed) {
      throw new IllegalStateException("audit log closed");
    }
    long seq = lastSeq + 1;
    Instant recorded = clock.instant();
    String body = AuditChain.body(seq, lastHash, recorded, message);
    String hash = sha256(body);
    String line = "{\"hash\":\"" + hash + "\",\"record\":" + body + "}\n";
    try {
      ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      AuditRecord r = new AuditRecord(seq, lastHash, recorded, message, hash);
      lastSeq = seq;
      lastHash = hash;
      unsynced++;
      if (unsynced >= settings.syncEvery()) {
        force();
      } else if (!syncScheduled) {
        syncScheduled = true;
        syncer.schedule(this::scheduledSync, settings.syncInterval().toNanos(), TimeUnit.NANOSECONDS);
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit log " + file, e);
    }
  }

  private synchronized void scheduledSync() {
    syncScheduled = false;
    if (!closed && unsynced > 0) {
      try {
        force();
      } catch (IOException e) {
        LOG.error("cannot sync the audit log {}: {}", file, e.toString());
      }
    }
  }

  private void force() throws IOException {
    channel.force(false);
    unsynced = 0;
  }

  @Override
  public synchronized void flush() throws IOException {
    if (!closed && unsynced > 0) {
      force();
    }
  }

  /** The sequence number and hash of the last record (0 and {@link AuditRecord#GENESIS} if none). */
  public synchronized Map.Entry<Long, String> head() {
    return Map.entry(lastSeq, lastHash);
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    flush();
    closed = true;
    syncer.shutdownNow();
    channel.close();
  }

  @Override
  public AuditVerification verify() throws IOException {
    flush();
    return verify(file);
  }

  /** Verifies a log file without opening it for writing (for {@code ./linnea audit verify}). */
  public static AuditVerification verify(Path file) throws IOException {
    BitSet present = new BitSet();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        Parsed p = parse(line);
        if (p != null && p.seq > 0 && p.seq < Integer.MAX_VALUE) {
          present.set((int) p.seq);
        }
      }
    }
    long records = 0;
    long lineNo = 0;
    long expected = 1;
    long maxSeq = 0;
    String prev = AuditRecord.GENESIS;
    Problem first = null;
    long changed = 0;
    long missing = 0;
    long reordered = 0;
    long broken = 0;
    long malformed = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        Parsed p = parse(line);
        if (p == null) {
          malformed++;
          first = first(first, new Problem(Kind.MALFORMED, 0, lineNo, "not an audit record"));
          continue;
        }
        records++;
        if (!sha256(p.body).equals(p.hash)) {
          changed++;
          first = first(first, new Problem(Kind.CHANGED, p.seq, lineNo,
              "record " + p.seq + " does not match its hash: its content was changed"));
        }
        if (p.seq == expected) {
          if (!p.prev.equals(prev)) {
            broken++;
            first = first(first, new Problem(Kind.BROKEN_LINK, p.seq, lineNo,
                "record " + p.seq + " does not link to the record before it: that record was"
                    + " rewritten with a recomputed hash, or this one was inserted"));
          }
        } else if (p.seq > expected) {
          long absent = 0;
          long moved = 0;
          for (long s = expected; s < p.seq; s++) {
            if (s < Integer.MAX_VALUE && present.get((int) s)) {
              moved++;
            } else {
              absent++;
            }
          }
          missing += absent;
          reordered += moved > 0 ? 1 : 0;
          first = first(first, absent > 0
              ? new Problem(Kind.MISSING, expected, lineNo,
                  absent + " record(s) from " + expected + " are missing before record " + p.seq)
              : new Problem(Kind.REORDERED, expected, lineNo,
                  "record " + expected + " stands after record " + p.seq + ": records were reordered"));
        } else {
          reordered++;
          first = first(first, new Problem(Kind.REORDERED, p.seq, lineNo,
              "record " + p.seq + " stands after record " + maxSeq + ": records were reordered or duplicated"));
        }
        prev = p.hash;
        maxSeq = Math.max(maxSeq, p.seq);
        expected = Math.max(expected, p.seq + 1);
      }
    }
    return new AuditVerification(records, maxSeq, prev, Optional.ofNullable(first),
        changed, missing, reordered, broken, malformed);
  }

  @Override
  public List<AuditRecord> search(AuditQuery query) throws IOException {
    flush();
    return search(file, query);
  }

  /**
   * Searches a log file without opening it for writing (a node may hold it): what {@code ./linnea
   * audit search} reads. Records that fail to parse are skipped.
   */
  public static List<AuditRecord> search(Path file, AuditQuery query) throws IOException {
    List<AuditRecord> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && out.size() < query.limit()) {
        Parsed p = parse(line);
        if (p == null || p.message == null) {
          continue;
        }
        if (query.matches(p.message)) {
          out.add(new AuditRecord(p.seq, p.prev, p.recorded, p.message, p.hash));
        }
      }
    }
    return out;
  }

  private record Parsed(
      String hash, String body, long seq, String prev, Instant recorded, AuditMessage message) {}

  /** The parts of a line, or null when it is not a record. The message may fail alone (null). */
  private static Parsed parse(String line) {
    Matcher m = FRAME.matcher(line);
    if (!m.matches()) {
      return null;
    }
    String body = m.group(2);
    try (JsonParser p = AuditJson.FACTORY.createParser(body)) {
      p.nextToken();
      Map<String, Object> tree = AuditJson.asMap(AuditJson.tree(p));
      if (p.nextToken() != null) {
        return null;
      }
      long seq = ((Number) tree.get("seq")).longValue();
      String prev = AuditJson.str(tree, "prev");
      Instant recorded = Instant.parse(AuditJson.str(tree, "recorded"));
      AuditMessage message;
      try {
        message = AuditJson.fromTree(AuditJson.asMap(tree.get("message")));
      } catch (RuntimeException e) {
        message = null;
      }
      return new Parsed(m.group(1), body, seq, prev, recorded, message);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Problem first(Problem current, Problem candidate) {
    return current != null ? current : candidate;
  }

  static String sha256(String text) {
    return AuditChain.hash(text);
  }

  private record Head(long seq, String hash) {}

  /** Reads the last record's seq and hash from the end of the file, without reading it all. */
  private static Head readHead(Path file, FileChannel ch) throws IOException {
    if (ch.size() == 0) {
      return new Head(0, AuditRecord.GENESIS);
    }
    long size = ch.size();
    int chunk = 64 * 1024;
    // Grow the window from the end until it holds a whole last line.
    for (long window = Math.min(size, chunk); ; window = Math.min(size, window * 2)) {
      ByteBuffer buf = ByteBuffer.allocate((int) window);
      readFully(ch, buf, size - window);
      String tail = new String(buf.array(), StandardCharsets.UTF_8);
      String trimmed = tail.endsWith("\n") ? tail.substring(0, tail.length() - 1) : tail;
      int nl = trimmed.lastIndexOf('\n');
      if (nl >= 0 || window == size) {
        Parsed p = parse(trimmed.substring(nl + 1));
        if (p == null) {
          throw new IOException("the last line of the audit log " + file
              + " is not a record: run verify; the log will not be extended past damage");
        }
        return new Head(p.seq, p.hash);
      }
      if (window > 64L * 1024 * 1024) {
        throw new IOException("the last line of the audit log " + file + " is too long");
      }
    }
  }

  /** Positional reads may return short: read until the buffer is full. */
  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, position + buf.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  /** Cuts an incomplete last line (no newline): a write a crash tore, never synced. */
  private static void cutTornTail(Path file, FileChannel ch) throws IOException {
    if (ch.size() == 0) {
      return;
    }
    long size = ch.size();
    ByteBuffer one = ByteBuffer.allocate(1);
    ch.read(one, size - 1);
    if (one.get(0) == '\n') {
      return;
    }
    long pos = size - 1;
    ByteBuffer b = ByteBuffer.allocate(1);
    while (pos > 0) {
      b.clear();
      ch.read(b, pos - 1);
      if (b.get(0) == '\n') {
        break;
      }
      pos--;
    }
    LOG.warn("audit log {}: cutting an incomplete last line of {} bytes (a write torn by a crash)",
        file, size - pos);
    ch.truncate(pos);
    ch.force(true);
  }
}
