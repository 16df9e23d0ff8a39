package org.linnea.security.access;

/**
 * Which studies one organisation has shared with another. A grant gives read access (query and
 * retrieve) to one study; it never gives store, delete, share or export.
 *
 * <p>An interface for now: the archive keeps grants in its index (a JDBC implementation), and the
 * query layer joins on them (see {@link QueryScope}).
 */
@FunctionalInterface
public interface SharingGrants {

  /** No study is shared with anyone. */
  SharingGrants NONE = (studyUid, fromOrganisation, toOrganisation) -> false;

  /**
   * Whether {@code fromOrganisation} shared the study with {@code toOrganisation}.
   *
   * @param studyUid the Study Instance UID
   * @param fromOrganisation the organisation the study belongs to
   * @param toOrganisation the organisation of the principal asking
   */
  boolean isShared(String studyUid, String fromOrganisation, String toOrganisation);
}
