package org.linnea.index;

/** What to do when an instance arrives whose SOP Instance UID the organisation already holds. */
public enum DuplicatePolicy {
  /** Refuse the new copy (C-STORE status 0x0111, Duplicate SOP Instance). */
  REJECT,
  /** Accept the new copy only when its bytes are identical (same SHA-256); refuse it otherwise. */
  ACCEPT_IF_IDENTICAL,
  /** Keep the new copy as the current version; the previous one is kept as an earlier version. */
  REPLACE,
  /**
   * Keep whichever copy was received later as current, the other as an earlier version (what
   * reindexing and the recovery sweep use, since they see copies in no particular order).
   */
  KEEP_NEWEST
}
