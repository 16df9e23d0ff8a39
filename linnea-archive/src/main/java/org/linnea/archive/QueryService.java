package org.linnea.archive;

import java.util.List;
import java.util.function.Predicate;
import org.linnea.dicom.data.Dataset;
import org.linnea.index.Index;
import org.linnea.index.Query;

/**
 * Answers queries from the index: C-FIND identifiers ({@link #find}) and query models built by
 * QIDO-RS alike.
 */
public final class QueryService {
  private final Index index;
  private final long organisation;
  private final int maxResults;

  /**
   * @param maxResults the most answers one query returns (0 for no limit); a C-FIND asking for
   *     more gets the first ones
   */
  public QueryService(Index index, long organisation, int maxResults) {
    this.index = index;
    this.organisation = organisation;
    this.maxResults = maxResults;
  }

  /** The query of a C-FIND identifier, for this archive's organisation. */
  public Query parse(Dataset identifier) {
    Query q = Query.fromIdentifier(identifier, organisation);
    return maxResults > 0 ? q.page(maxResults, 0) : q;
  }

  /** Streams the answers to a C-FIND identifier until {@code consumer} returns false. */
  public void find(Dataset identifier, Predicate<Dataset> consumer) {
    index.query(parse(identifier), consumer);
  }

  public List<Dataset> query(Query q) {
    return index.query(capped(q));
  }

  public void query(Query q, Predicate<Dataset> consumer) {
    index.query(capped(q), consumer);
  }

  private Query capped(Query q) {
    if (maxResults > 0 && (q.limit() == 0 || q.limit() > maxResults)) return q.page(maxResults, q.offset());
    return q;
  }

  public long organisation() {
    return organisation;
  }
}
