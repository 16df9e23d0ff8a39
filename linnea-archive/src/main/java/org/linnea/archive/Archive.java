package org.linnea.archive;

import java.io.IOException;
import java.nio.file.Path;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.IndexSettings;
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

  /**
   * @param storage the store's root directory
   * @param index how to reach the index database
   * @param organisation the organisation everything is stored for
   * @param duplicatePolicy what to do with a second copy of a SOP Instance UID
   * @param maxQueryResults the most answers a query returns (0: no limit)
   * @param threads worker threads of reindex and verify
   */
  public record Settings(Path storage, IndexSettings index, long organisation, DuplicatePolicy duplicatePolicy, int maxQueryResults, int threads) {}

  private Archive(ObjectStore store, Index index, Settings settings) {
    this.store = store;
    this.index = index;
    this.settings = settings;
    this.ingest = new IngestService(store, index, settings.organisation(), settings.duplicatePolicy());
    this.query = new QueryService(index, settings.organisation(), settings.maxQueryResults());
    this.retrieve = new RetrieveService(store, index, settings.organisation());
  }

  /** Opens store and index (migrating the index schema); does not sweep. */
  public static Archive open(Settings settings) throws IOException {
    FileSystemStore store = FileSystemStore.open(settings.storage());
    try {
      return new Archive(store, Index.open(settings.index()), settings);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public RecoverySweep.Report recover() throws IOException {
    return new RecoverySweep(store, index, settings.organisation(), settings.duplicatePolicy()).run();
  }

  public ReindexService.Report reindex(Progress progress) throws IOException {
    return new ReindexService(store, index, settings.organisation(), settings.threads()).run(progress);
  }

  public VerifyService.Report verify(Progress progress) throws IOException {
    return new VerifyService(store, index, settings.threads()).run(progress);
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

  public Settings settings() {
    return settings;
  }

  @Override
  public void close() throws IOException {
    try {
      index.close();
    } finally {
      store.close();
    }
  }
}
