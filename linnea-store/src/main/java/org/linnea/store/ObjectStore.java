package org.linnea.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the archive keeps the bytes of every instance. Objects are immutable: written once,
 * read many times, deleted whole, never modified in place. Keys are chosen by the store (for the
 * file-system store, the SHA-256 of the content), so a second write of the same bytes yields the
 * same object.
 *
 * <p>Writes are two-phase so that a caller can look at the bytes while they stream in (the archive
 * parses the DICOM header on the way) and decide only afterwards whether to keep them: {@link
 * #begin()} returns an {@link Upload}; {@link Upload#commit()} makes the object durable and visible
 * and returns only when it would survive a power loss; {@link Upload#close()} without commit
 * discards it. Nothing half-written is ever visible under a key (after a machine crash, once
 * {@link #quarantineLeftovers()} has run).
 *
 * <p>Implementations are safe for concurrent use.
 */
public interface ObjectStore extends AutoCloseable {

  /** Starts writing a new object. */
  Upload begin() throws IOException;

  /** Writes a whole stream as one object and commits it. */
  default StoredObject put(InputStream in) throws IOException {
    try (Upload u = begin()) {
      in.transferTo(u);
      return u.commit();
    }
  }

  /** Opens an object for reading from its first byte. */
  InputStream open(String key) throws IOException;

  /** Opens {@code length} bytes of an object from {@code offset} (fewer at its end). */
  InputStream openRange(String key, long offset, long length) throws IOException;

  /** The object's size and storage time, or empty when it is not stored. */
  Optional<StoredObject> stat(String key) throws IOException;

  /**
   * Deletes an object. Returns false when it was not there. The archive deletes only objects no
   * index row refers to.
   */
  boolean delete(String key) throws IOException;

  /** Calls {@code action} with every key in the store, in no particular order (for sweeps). */
  void forEachKey(Consumer<String> action) throws IOException;

  /**
   * Calls {@code action} with every key that may have been stored since {@code since}: at least
   * those, possibly more. Lets a start-up sweep avoid listing millions of old objects.
   */
  default void forEachKeySince(Instant since, Consumer<String> action) throws IOException {
    forEachKey(action);
  }

  /**
   * Moves leftovers of writes that never committed (a crash between begin and commit) to a
   * quarantine area, including an object a crash left under its key before its content was
   * forced when it does not match its key, and returns a description of each. Call only while no writer is active, at
   * start-up.
   */
  java.util.List<String> quarantineLeftovers() throws IOException;

  /** A human-readable location of an object, for reports (a path, a URL). */
  String describe(String key);

  @Override
  default void close() throws IOException {}

  /** An object being written. Not thread-safe: one writer per upload. */
  abstract class Upload extends OutputStream {
    /** Bytes written so far. */
    public abstract long size();

    /**
     * Ends the writing and returns what the object will be once committed (its key, size, hash
     * and storage time), without making it durable yet: lets a caller start work that needs the
     * key (recording it in the index) while {@link #commit()} forces the bytes. No more writes;
     * until {@link #commit()} returns, the object may not exist.
     */
    public abstract StoredObject seal() throws IOException;

    /**
     * Makes the object durable and visible, and returns it; no more writes. If an identical
     * object was already stored, returns that one.
     */
    public abstract StoredObject commit() throws IOException;

    /** Discards the object unless it was committed. */
    @Override
    public abstract void close() throws IOException;
  }
}
