package org.linnea.security.access;

import java.util.Optional;

/**
 * What a query may see, for the query layer to turn into its filter: the studies of {@code
 * organisation}, plus (if {@code includeSharedWithOrganisation}) the studies other organisations
 * shared with it. Made by {@link AccessPolicy#queryScope}.
 *
 * <p>The filter belongs in the SQL of the index (for example {@code study.organisation = ? OR
 * EXISTS (SELECT 1 FROM sharing_grant g WHERE g.study_uid = study.uid AND g.to_org = ?)}), so that
 * result counts, limits and paging never see another organisation's rows.
 *
 * @param organisation the principal's own organisation
 * @param includeSharedWithOrganisation whether studies shared with it are visible too
 */
public record QueryScope(String organisation, boolean includeSharedWithOrganisation) {

  /** Nothing is visible. */
  public static Optional<QueryScope> none() {
    return Optional.empty();
  }
}
