package org.linnea.archive;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which organisation owns each stored object, kept durably beside the store, so that an index
 * rebuilt from the store alone ({@code reindex}, the start-up sweep) puts every object back into
 * its organisation. Objects themselves stay exactly as received; the ownership lives in this
 * append-only text file, one record a line:
 *
 * <pre>
 * # linnea-ownership 1 2026-12-08T00:10:00Z      header: format version and when the journal began
 * + 3fa4…(64 hex) Radiology%20North 1c29a8e0     object 3fa4… belongs to "Radiology North"
 * - 3fa4…(64 hex) Radiology%20North 77b0e1d2     … no more (a refused duplicate, a deletion)
 * </pre>
 *
 * <p>Organisation names are URL-encoded (no spaces or line breaks in a record); the last field is
 * the CRC-32 of the rest of the line, so a damaged line is recognised and skipped. An object may
 * have several owners: the store keeps identical bytes once, and two organisations may send the
 * same object.
 *
 * <p>Appends are group-committed: each writer appends its line, then forces the file unless a
 * force that began after its append has already completed — with many concurrent writers one
 * {@code fdatasync} covers many records. A writer returns only once its record is durable. A
 * crash may leave a torn last line; it was never acknowledged and is cut off at the next open.
 */
public final class OwnershipJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OwnershipJournal.class);
  private static final String HEADER = "# linnea-ownership 1 ";

  /** One record: {@code organisation} gained ({@code granted}) or lost ownership of {@code key}. */
  public record Entry(boolean granted, String key, String organisation) {}

  private final Path file;
  private final FileChannel channel;
  private final Instant created;
  private final boolean fresh;
  private final Object appendLock = new Object();
  private final Object forceLock = new Object();
  private long appended;
  private volatile long forced;

  private OwnershipJournal(Path file, FileChannel channel, Instant created, boolean fresh) {
    this.file = file;
    this.channel = channel;
    this.created = created;
    this.fresh = fresh;
  }

  /** Opens the journal at {@code file}, creating it (durably, with its header) when absent. */
  public static OwnershipJournal open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Instant created = readCreated(file);
    boolean fresh = created == null;
    if (fresh) {
      created = Instant.now();
      Path tmp = file.resolveSibling(file.getFileName() + ".new");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ch.write(UTF_8.encode(HEADER + created + "\n"));
        ch.force(true);
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      }
    }
    try (FileChannel cut = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      cutTornTail(cut, file);
    }
    // O_APPEND: a command run beside the node (delete, restore on a shared PostgreSQL) appends whole records too.
    return new OwnershipJournal(file, FileChannel.open(file, StandardOpenOption.APPEND), created, fresh);
  }

  /** The header's time, or null when the file is missing or has no complete header. */
  private static Instant readCreated(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, UTF_8)) {
      String first = r.readLine();
      if (first == null || !first.startsWith(HEADER)) return null;
      return Instant.parse(first.substring(HEADER.length()).trim());
    } catch (NoSuchFileException e) {
      return null;
    } catch (DateTimeParseException e) {
      throw new IOException("ownership journal " + file + " has a damaged header; restore it from a backup or move it aside to start a new one");
    }
  }

  /** Cuts a last line a crash left without its line break (a record never acknowledged). */
  private static void cutTornTail(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    int n = (int) Math.min(size, 4096);
    ByteBuffer tail = ByteBuffer.allocate(n);
    ch.read(tail, size - n);
    int keep = n;
    while (keep > 0 && tail.get(keep - 1) != '\n') keep--;
    if (keep < n) {
      LOG.warn("ownership journal: cut a torn last record file={} bytes={}", file, n - keep);
      ch.truncate(size - (n - keep));
      ch.force(false);
    }
  }

  /** When this journal began: objects stored earlier predate ownership records. */
  public Instant created() {
    return created;
  }

  /** Whether this open created the journal (a store from before journals, or a new store). */
  public boolean isNew() {
    return fresh;
  }

  public Path file() {
    return file;
  }

  /** Records durably that {@code organisation} owns {@code key}; returns once forced. */
  public void grant(String key, String organisation) throws IOException {
    append(List.of(new Entry(true, key, organisation)));
  }

  /** Records durably that {@code organisation} no longer owns {@code key}. */
  public void revoke(String key, String organisation) throws IOException {
    append(List.of(new Entry(false, key, organisation)));
  }

  /** Appends {@code entries} and forces them together (group-committed with other writers). */
  public void append(List<Entry> entries) throws IOException {
    if (entries.isEmpty()) return;
    StringBuilder sb = new StringBuilder(entries.size() * 120);
    for (Entry e : entries) sb.append(line(e));
    ByteBuffer b = UTF_8.encode(sb.toString());
    long seq;
    synchronized (appendLock) {
      while (b.hasRemaining()) channel.write(b);
      seq = ++appended;
    }
    synchronized (forceLock) {
      if (forced >= seq) return;
      long upTo;
      synchronized (appendLock) {
        upTo = appended;
      }
      channel.force(false);
      forced = upTo;
    }
  }

  static String line(Entry e) {
    if (e.key().indexOf(' ') >= 0 || e.key().indexOf('\n') >= 0) throw new IllegalArgumentException("not an object key: " + e.key());
    String body = (e.granted() ? "+ " : "- ") + e.key() + " " + URLEncoder.encode(e.organisation(), UTF_8);
    return body + " " + crc(body) + "\n";
  }

  private static String crc(String body) {
    CRC32 c = new CRC32();
    c.update(body.getBytes(UTF_8));
    return String.format("%08x", c.getValue());
  }

  /**
   * The owners of every object as the journal records them (grants less later revocations). Keys
   * with no owner left are absent. Damaged lines are skipped and logged.
   */
  public Map<String, Set<String>> owners() throws IOException {
    Map<String, Set<String>> out = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, UTF_8)) {
      String line;
      long no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isEmpty() || line.startsWith("#")) continue;
        int last = line.lastIndexOf(' ');
        String[] f = line.split(" ");
        if (last < 0 || f.length != 4 || !crc(line.substring(0, last)).equals(f[3]) || !(f[0].equals("+") || f[0].equals("-"))) {
          LOG.warn("ownership journal: damaged record skipped file={} line={}", file, no);
          continue;
        }
        String org = names.computeIfAbsent(f[2], s -> URLDecoder.decode(s, UTF_8));
        if (f[0].equals("+")) {
          Set<String> s = out.get(f[1]);
          if (s == null) {
            out.put(f[1], Set.of(org));
          } else if (!s.contains(org)) {
            Set<String> more = new HashSet<>(s);
            more.add(org);
            out.put(f[1], more);
          }
        } else {
          Set<String> s = out.get(f[1]);
          if (s != null && s.contains(org)) {
            Set<String> less = new HashSet<>(s);
            less.remove(org);
            if (less.isEmpty()) out.remove(f[1]);
            else out.put(f[1], Set.copyOf(less));
          }
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
