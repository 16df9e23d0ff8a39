package org.linnea.security.audit;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The append-only, hash-chained audit log. Each record carries the SHA-256 of the record before it
 * and its own, so that changing, removing or reordering a record breaks the chain where it
 * happened; {@link #verify()} finds the first such place.
 *
 * <p>Implementations never rewrite a record. {@link FileAuditLog} keeps the log in a file; the
 * archive will add a JDBC implementation with the same record bodies and hashes ({@link
 * AuditChain}), so that a log can move between them and still verify.
 *
 * <p>What a chain cannot show on its own: records cut off at the end. Keep the head ({@link
 * AuditVerification#lastHash()}) elsewhere — the syslog forwarder sends it with each message — to
 * detect that too.
 */
public interface AuditLog extends AuditSink, Closeable {

  /** Appends a message; returns the record as written. Durable after {@link #flush()}. */
  AuditRecord append(AuditMessage message);

  @Override
  default void record(AuditMessage message) {
    append(message);
  }

  /** Makes every appended record durable (fsync). */
  void flush() throws IOException;

  /** Checks the whole chain. */
  AuditVerification verify() throws IOException;

  /** The records that match, in log order; records that fail to parse are skipped. */
  List<AuditRecord> search(AuditQuery query) throws IOException;

  /** {@link #search} with the command line's arguments, any of which may be null. */
  default List<AuditRecord> search(
      String user, String patientId, String studyUid, java.time.Instant from, java.time.Instant to)
      throws IOException {
    return search(AuditQuery.of(user, patientId, studyUid, from, to, Integer.MAX_VALUE));
  }

  /** Flushes and releases the log. */
  @Override
  void close() throws IOException;
}
