package org.linnea.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Objects as files under one root directory:
 *
 * <pre>
 * root/objects/ab/cd/abcd…(64 hex digits)   committed objects, named by their SHA-256
 * root/tmp/…                                writes in progress
 * root/quarantine/…                         leftovers of writes a crash interrupted
 * </pre>
 *
 * <p>Two levels of 256 directories keep each directory small up to hundreds of millions of
 * objects (about 15 per directory per million) while an object's directory follows from its key
 * alone. A write goes to a temporary file in the same file system and is hashed while it is
 * written; once its key is known the file is renamed in tmp to {@code <key>.<name>.linking},
 * hard-linked under its final name (link never replaces an existing name), and then its content
 * ({@code fdatasync}) and the directory entries are forced together, in one round with other
 * writers' forces ({@link DirectorySyncer}); only then is the {@code .linking} name removed and
 * the write reported durable. A crash before that may leave, under its key, an object whose data
 * never reached the disk: {@link #quarantineLeftovers()} (called at start-up, before anything
 * reads the store) hashes the object of each {@code .linking} leftover and moves it to quarantine
 * when it does not match its key; other temporary files are moved there too. This relies on the
 * file system journalling metadata in order (ext4, XFS): a link that survived a crash implies the
 * rename before it survived.
 *
 * <p>Writing bytes already stored (the link finds the name taken) keeps the old order: the new
 * copy is forced first and then renamed over the old one, so an object that may have been
 * acknowledged is never replaced by a copy that is not yet durable. The content is identical,
 * readers holding the old file keep reading it, and the directory's modification time records
 * the write (which {@link #forEachKeySince} relies on).
 */
public final class FileSystemStore implements ObjectStore {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();
  /** Suffix of a temporary file linked under its key whose forces had not completed. */
  static final String LINKING = ".linking";

  private final Path root;
  private final Path objects;
  private final Path tmp;
  private final Path quarantine;
  private final DirectorySyncer syncer;

  private FileSystemStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.objects = this.root.resolve("objects");
    this.tmp = this.root.resolve("tmp");
    this.quarantine = this.root.resolve("quarantine");
    for (Path p : List.of(this.root, objects, tmp, quarantine)) {
      createDirectoryDurably(p);
    }
    this.syncer = new DirectorySyncer("linnea-store-sync");
  }

  /** Opens (creating if needed) a store under {@code root}. */
  public static FileSystemStore open(Path root) throws IOException {
    return new FileSystemStore(root);
  }

  public Path root() {
    return root;
  }

  /** The file of an object (whether or not it exists). */
  public Path pathOf(String key) {
    checkKey(key);
    return objects.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
  }

  @Override
  public String describe(String key) {
    return KEY.matcher(key).matches() ? pathOf(key).toString() : key;
  }

  private static void checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not an object key (64 lower-case hex digits): " + key);
    }
  }

  /** Batches and requests of directory forces so far; for tests and metrics. */
  public long[] syncCounters() {
    return syncer.counters();
  }

  @Override
  public Upload begin() throws IOException {
    Path file = tmp.resolve(UUID.randomUUID() + ".tmp");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new FileUpload(file, ch);
  }

  private final class FileUpload extends Upload {
    private Path file;
    private boolean linked;
    private final FileChannel channel;
    private final MessageDigest digest = sha256();
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private long size;
    private boolean done;
    private StoredObject sealed;

    FileUpload(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      ensureOpen();
      if (!buf.hasRemaining()) drain();
      buf.put((byte) b);
      size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      while (len > 0) {
        if (!buf.hasRemaining()) drain();
        int n = Math.min(len, buf.remaining());
        buf.put(b, off, n);
        off += n;
        len -= n;
        size += n;
      }
    }

    private void ensureOpen() throws IOException {
      if (done || sealed != null) throw new StoreException("upload already sealed, committed or closed");
    }

    private void drain() throws IOException {
      buf.flip();
      digest.update(buf.duplicate());
      while (buf.hasRemaining()) channel.write(buf);
      buf.clear();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public StoredObject seal() throws IOException {
      if (sealed != null) return sealed;
      ensureOpen();
      try {
        drain();
        String key = HEX.formatHex(digest.digest());
        // The file's modification time is that of its last write; the rename keeps it.
        sealed = new StoredObject(key, size, key, Files.getLastModifiedTime(file).toInstant());
        return sealed;
      } catch (IOException | RuntimeException e) {
        done = true;
        discard();
        throw e;
      }
    }

    @Override
    public StoredObject commit() throws IOException {
      StoredObject obj = seal();
      if (done) throw new StoreException("upload already committed or closed");
      done = true;
      try {
        Path target = pathOf(obj.key());
        List<Path> toSync = new ArrayList<>(3);
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
          // New fan directories: their parents' entries must be forced too.
          Path parent = dir.getParent();
          if (!Files.isDirectory(parent)) {
            mkdir(parent);
            toSync.add(objects);
          }
          mkdir(dir);
          toSync.add(parent);
        }
        toSync.add(dir);
        // The temporary file is renamed to carry the key, then linked under its final name
        // before its data is forced, so that the data and the directory entry are forced at the
        // same time (one journal commit rather than two in a row). Until both forces are done
        // the "linking" name stays: after a crash, quarantineLeftovers checks the object it names.
        Path linking = tmp.resolve(obj.key() + "." + file.getFileName() + LINKING);
        Files.move(file, linking, StandardCopyOption.ATOMIC_MOVE);
        file = linking;
        try {
          Files.createLink(target, linking);
          linked = true;
        } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
          // The same bytes are stored already, perhaps acknowledged: never replace them by a copy
          // that is not durable yet. Force first, then rename over them (identical content).
        }
        if (linked) {
          // fdatasync (the content and the size, what reading it back needs; not the timestamps)
          // and the directories, in one round with other writers' forces.
          DirectorySyncer.await(syncer.request(toSync, channel));
          channel.close();
          Files.delete(linking); // need not be durable: a leftover name is checked at start-up
        } else {
          channel.force(false);
          channel.close();
          try {
            Files.move(linking, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            throw new StoreException("the file system of " + root + " cannot rename atomically", e);
          }
          syncer.sync(toSync);
        }
        return obj;
      } catch (IOException | RuntimeException e) {
        discard();
        throw e;
      }
    }

    private void discard() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a channel we are giving up on
      }
      if (linked) return; // the object is under its key, maybe not durable: checked at the next start
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // left for quarantineLeftovers at the next start
      }
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        discard();
      }
    }
  }

  private static void mkdir(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      // created by a concurrent writer
    }
  }

  private static void createDirectoryDurably(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      DirectorySyncer.force(dir.getParent());
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return Files.newInputStream(pathOf(key));
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(key);
    }
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
    FileChannel ch;
    try {
      ch = FileChannel.open(pathOf(key), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(key);
    }
    ch.position(offset);
    return new BoundedInputStream(Channels.newInputStream(ch), length);
  }

  @Override
  public Optional<StoredObject> stat(String key) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(pathOf(key), BasicFileAttributes.class);
      return Optional.of(new StoredObject(key, a.size(), key, a.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    Path p = pathOf(key);
    boolean deleted = Files.deleteIfExists(p);
    if (deleted) syncer.sync(List.of(p.getParent()));
    return deleted;
  }

  @Override
  public void forEachKey(Consumer<String> action) throws IOException {
    forEachKeySince(null, action);
  }

  @Override
  public void forEachKeySince(Instant since, Consumer<String> action) throws IOException {
    try (DirectoryStream<Path> level1 = Files.newDirectoryStream(objects)) {
      for (Path d1 : level1) {
        if (!Files.isDirectory(d1)) continue;
        try (DirectoryStream<Path> level2 = Files.newDirectoryStream(d1)) {
          for (Path d2 : level2) {
            if (!Files.isDirectory(d2)) continue;
            if (since != null && Files.getLastModifiedTime(d2).toInstant().isBefore(since)) continue;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(d2)) {
              for (Path f : files) {
                String name = f.getFileName().toString();
                if (KEY.matcher(name).matches()) action.accept(name);
              }
            }
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public List<String> quarantineLeftovers() throws IOException {
    List<String> moved = new ArrayList<>();
    boolean objectsChanged = false;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(LINKING) && name.length() > 64 && KEY.matcher(name.substring(0, 64)).matches()) {
          // A write cut between linking its object under its key and forcing it: the object was
          // never acknowledged; keep it only if its content is whole (it hashes to its key).
          String key = name.substring(0, 64);
          Path target = pathOf(key);
          if (Files.exists(target)) {
            if (key.equals(hash(target))) {
              Files.delete(f);
              continue;
            }
            Path to = quarantine.resolve(Instant.now().toEpochMilli() + "-" + key + ".torn");
            Files.move(target, to, StandardCopyOption.ATOMIC_MOVE);
            DirectorySyncer.force(target.getParent());
            objectsChanged = true;
            moved.add(target + " (content does not match its key: a write cut before it was forced) -> " + to);
            Files.delete(f);
            continue;
          }
        }
        Path to = quarantine.resolve(Instant.now().toEpochMilli() + "-" + f.getFileName());
        long size = Files.size(f);
        Files.move(f, to, StandardCopyOption.ATOMIC_MOVE);
        moved.add(f + " (" + size + " bytes) -> " + to);
      }
    }
    if (!moved.isEmpty() || objectsChanged) {
      DirectorySyncer.force(tmp);
      DirectorySyncer.force(quarantine);
    }
    return moved;
  }

  private static String hash(Path file) throws IOException {
    MessageDigest d = sha256();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(256 * 1024);
      while (ch.read(b) >= 0) {
        b.flip();
        d.update(b);
        b.clear();
      }
    }
    return HEX.formatHex(d.digest());
  }

  /** Temporary files present: writes in progress or leftovers. */
  long tmpCount() throws IOException {
    try (var s = Files.list(tmp)) {
      return s.count();
    }
  }

  /** Sets an object's modification time; for tests of time-based sweeps. */
  void setStoredAt(String key, Instant at) throws IOException {
    Files.setLastModifiedTime(pathOf(key), FileTime.from(at));
  }

  @Override
  public void close() {
    syncer.close();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "FileSystemStore[" + root + "]";
  }
}
