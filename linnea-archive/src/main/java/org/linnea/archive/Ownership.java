package org.linnea.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.linnea.index.Index;
import org.linnea.index.Organisations;
import org.linnea.store.ObjectStore;
import org.linnea.store.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owning organisation of every stored object, recorded in the {@link OwnershipJournal} by
 * organisation name (index keys are not durable: a rebuilt index numbers organisations anew) and
 * read back as index keys by reindex and the recovery sweep.
 *
 * <p>Objects with no record: those stored before the journal began belong to the node's
 * organisation, as they did before ownership was journalled; those stored later were never
 * acknowledged (a crash between the store's commit and the journal's), and are {@link #setAside
 * set aside} into {@code unowned/} beside the journal rather than given to an organisation that may
 * not own them (the sender, never having heard success, sends again).
 */
final class Ownership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);

  private final OwnershipJournal journal;
  private final Organisations organisations;
  private final long nodeOrganisation;

  Ownership(OwnershipJournal journal, Organisations organisations, long nodeOrganisation) {
    this.journal = journal;
    this.organisations = organisations;
    this.nodeOrganisation = nodeOrganisation;
  }

  /** Records that {@code org} owns {@code key}, durably, before the index hears of it. */
  void grant(String key, long org) throws IOException {
    journal.grant(key, organisations.nameOf(org));
  }

  void revoke(String key, long org) throws IOException {
    journal.revoke(key, organisations.nameOf(org));
  }

  /**
   * A journal that did not exist before (a store from before ownership was journalled): records
   * the organisation of every object the index knows, so that a later rebuild keeps them.
   */
  void backfill(Index index) throws IOException {
    if (!journal.isNew()) return;
    List<OwnershipJournal.Entry> entries = new ArrayList<>();
    index.forEachOwnership((key, org) -> entries.add(new OwnershipJournal.Entry(true, key, organisations.nameOf(org))));
    journal.append(entries);
    if (!entries.isEmpty()) LOG.info("ownership journal started from the index records={} file={}", entries.size(), journal.file());
  }

  /**
   * Moves an object without owner out of the store into {@code unowned/} (copied and forced
   * first, then deleted from the store); returns where it went.
   */
  String setAside(ObjectStore store, String key) throws IOException {
    Path dir = journal.file().toAbsolutePath().getParent().resolve("unowned");
    Files.createDirectories(dir);
    Path to = dir.resolve(key + ".dcm");
    try (InputStream in = store.open(key)) {
      DeleteService.copyDurably(in, to);
    }
    DeleteService.force(dir);
    store.delete(key);
    return to.toString();
  }

  /** The journal's records as of now, for a sweep or a rebuild. */
  Snapshot snapshot() throws IOException {
    return new Snapshot(journal.owners(), journal.created());
  }

  /** Owners read from the journal once. */
  final class Snapshot {
    private final Map<String, Set<String>> owners;
    private final Instant began;

    private Snapshot(Map<String, Set<String>> owners, Instant began) {
      this.owners = owners;
      this.began = began;
    }

    /**
     * The organisations (index keys) owning an object; empty for an object stored after the
     * journal began without a record (never acknowledged).
     */
    List<Long> of(StoredObject obj) {
      Set<String> names = owners.get(obj.key());
      if (names != null) return names.stream().map(organisations::idOf).sorted().toList();
      return obj.storedAt().isBefore(began) ? List.of(nodeOrganisation) : List.of();
    }

    /** How many organisations the journal records as owners of {@code key}. */
    int count(String key) {
      Set<String> names = owners.get(key);
      return names == null ? 0 : names.size();
    }

    /** Whether the journal records {@code org} as an owner of {@code key}. */
    boolean records(String key, long org) {
      Set<String> names = owners.get(key);
      return names != null && names.contains(organisations.nameOf(org));
    }
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}
