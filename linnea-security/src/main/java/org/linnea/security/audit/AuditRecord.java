package org.linnea.security.audit;

import java.time.Instant;

/**
 * One record of the hash-chained audit log.
 *
 * @param seq the record's number, 1 for the first, without gaps
 * @param previousHash the {@link #hash} of record {@code seq − 1}; 64 zeros for the first
 * @param recorded when the log wrote it (the event time is in the message)
 * @param message the audit message
 * @param hash SHA-256 (lower-case hex) of the record's body as stored: seq, previous hash, time and
 *     message
 */
public record AuditRecord(
    long seq, String previousHash, Instant recorded, AuditMessage message, String hash) {

  /** The previous hash of the first record. */
  public static final String GENESIS = "0".repeat(64);
}
