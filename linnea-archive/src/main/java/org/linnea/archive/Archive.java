package org.linnea.archive;

import java.io.IOException;
import java.nio.file.Path;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.IndexSettings;
import org.linnea.index.Organisations;
import org.linnea.store.FileSystemStore;
import org.linnea.store.ObjectStore;

/**
 * An archive: a store, an index and the services over them, for one organisation. Open it, run
 * the {@link #recover() recovery sweep}, then open the doors.
 */
public final class Archive implements AutoCloseable {
  private final ObjectStore store;
  private final Index index;
  private final Settings settings;
  private final IngestService ingest;
  private final QueryService query;
  private final RetrieveService retrieve;
  private final Ownership ownership;
  private final DeleteService deletions;

  /** Where the ownership journal lives: beside the store's objects, in its root. */
  static final String OWNERSHIP_JOURNAL = "ownership.journal";

  /** Where deleted studies wait for their retention to pass: beside the store's objects. */
  static final String TRASH = "trash";

  /**
   * @param storage the store's root directory
   * @param index how to reach the index database
   * @param organisation the organisation everything is stored for
   * @param duplicatePolicy what to do with a second copy of a SOP Instance UID
   * @param maxQueryResults the most answers a query returns (0: no limit)
   * @param threads worker threads of reindex and verify
   */
  public record Settings(Path storage, IndexSettings index, long organisation, DuplicatePolicy duplicatePolicy, int maxQueryResults, int threads) {}

  private Archive(ObjectStore store, Index index, Ownership ownership, Settings settings) {
    this.store = store;
    this.index = index;
    this.ownership = ownership;
    this.settings = settings;
    this.ingest = new IngestService(store, index, settings.organisation(), settings.duplicatePolicy(), ownership);
    this.deletions = new DeleteService(store, index, ownership, new Organisations(index.dataSource()), settings.storage().resolve(TRASH));
    this.query = new QueryService(index, settings.organisation(), settings.maxQueryResults());
    this.retrieve = new RetrieveService(store, index, settings.organisation());
  }

  /**
   * Opens store, ownership journal and index (migrating the index schema); does not sweep. A
   * store without a journal gets one, started from the index's records of who owns what.
   */
  public static Archive open(Settings settings) throws IOException {
    FileSystemStore store = FileSystemStore.open(settings.storage());
    OwnershipJournal journal = null;
    Index index = null;
    try {
      journal = OwnershipJournal.open(store.root().resolve(OWNERSHIP_JOURNAL));
      index = Index.open(settings.index());
      Ownership ownership = new Ownership(journal, new Organisations(index.dataSource()), settings.organisation());
      ownership.backfill(index);
      return new Archive(store, index, ownership, settings);
    } catch (IOException | RuntimeException e) {
      if (index != null) index.close();
      if (journal != null) journal.close();
      store.close();
      throw e;
    }
  }

  public RecoverySweep.Report recover() throws IOException {
    return new RecoverySweep(store, index, ownership, settings.duplicatePolicy()).run();
  }

  public ReindexService.Report reindex(Progress progress) throws IOException {
    return new ReindexService(store, index, ownership, settings.threads()).run(progress);
  }

  public VerifyService.Report verify(Progress progress) throws IOException {
    return new VerifyService(store, index, settings.threads()).run(progress);
  }

  /** Deletion of studies and series, their trash and its restore. */
  public DeleteService deletions() {
    return deletions;
  }

  public IngestService ingest() {
    return ingest;
  }

  public QueryService query() {
    return query;
  }

  public RetrieveService retrieve() {
    return retrieve;
  }

  public ObjectStore store() {
    return store;
  }

  public Index index() {
    return index;
  }

  Ownership ownership() {
    return ownership;
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public void close() throws IOException {
    try {
      index.close();
    } finally {
      try {
        ownership.close();
      } finally {
        store.close();
      }
    }
  }
}
