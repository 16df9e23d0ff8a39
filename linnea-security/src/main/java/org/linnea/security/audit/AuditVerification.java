package org.linnea.security.audit;

import java.util.Optional;

/**
 * The result of {@link AuditLog#verify()}.
 *
 * @param records how many records were read
 * @param lastSeq the highest sequence number seen (0 for an empty log)
 * @param lastHash the hash of the last record (to keep elsewhere: removing records from the
 *     end can only be detected against a copy of the head, e.g. the syslog stream)
 * @param firstProblem the first problem in log order, empty when the log is intact
 * @param changed records whose content no longer matches their hash
 * @param missing records absent from the sequence
 * @param reordered records out of sequence order
 * @param brokenLinks records whose previous-hash does not match the record before them (a record
 *     before was rewritten with a recomputed hash, or one was inserted)
 * @param malformed lines that are not records at all
 */
public record AuditVerification(
    long records,
    long lastSeq,
    String lastHash,
    Optional<Problem> firstProblem,
    long changed,
    long missing,
    long reordered,
    long brokenLinks,
    long malformed) {

  /** Whether no problem was found. */
  public boolean intact() {
    return firstProblem.isEmpty();
  }

  /** What kind of tampering or damage. */
  public enum Kind {
    CHANGED,
    MISSING,
    REORDERED,
    BROKEN_LINK,
    MALFORMED
  }

  /**
   * One problem.
   *
   * @param kind what was found
   * @param seq the sequence number concerned (for MISSING the first missing one; for MALFORMED 0)
   * @param line the line of the file (1-based) where it was noticed, or the row for other stores
   * @param detail a sentence for the operator
   */
  public record Problem(Kind kind, long seq, long line, String detail) {}

  /** One line for the command line. */
  public String summary() {
    if (intact()) {
      return "audit log intact: " + records + " records, last " + lastSeq + " " + lastHash;
    }
    Problem p = firstProblem.get();
    return "audit log NOT intact: first problem " + p.kind() + " at record " + p.seq() + " (line "
        + p.line() + "): " + p.detail() + "; changed " + changed + ", missing " + missing
        + ", reordered " + reordered + ", broken links " + brokenLinks + ", malformed " + malformed
        + " of " + records + " records";
  }
}
