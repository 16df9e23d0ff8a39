package org.linnea.index;

import java.util.Optional;

/**
 * What an ingest write did.
 *
 * @param kind new instance, identical copy of the current one, or replacement
 * @param previousKey for a replacement, the store key of the version it replaced (kept); for an
 *     older copy under {@link DuplicatePolicy#KEEP_NEWEST}, the current key
 */
public record IngestOutcome(Kind kind, Optional<String> previousKey) {
  public enum Kind { STORED, IDENTICAL, REPLACED, KEPT_AS_EARLIER_VERSION }

  public static final IngestOutcome STORED = new IngestOutcome(Kind.STORED, Optional.empty());
  public static final IngestOutcome IDENTICAL = new IngestOutcome(Kind.IDENTICAL, Optional.empty());
}
