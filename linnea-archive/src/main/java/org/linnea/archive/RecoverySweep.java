package org.linnea.archive;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.linnea.index.DuplicateInstanceException;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.IndexException;
import org.linnea.index.IngestOutcome;
import org.linnea.index.InstanceRecord;
import org.linnea.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles store and index at start-up, before any door opens.
 *
 * <ul>
 *   <li>Leftovers of writes a crash interrupted (temporary files) are moved to quarantine: they
 *       were never acknowledged.
 *   <li>Objects the index does not know are indexed: a crash (or an embedded database that had not
 *       yet written its last commits) came between store and index. Under the "reject" and
 *       "accept if identical" policies, an object the policy refuses is a duplicate that was
 *       refused and never acknowledged, and is deleted; under "replace", the newer copy wins.
 *   <li>Objects are indexed into the organisations the {@link OwnershipJournal} records as their
 *       owners; an object stored after the journal began with no record was never acknowledged
 *       and is set aside into {@code unowned/}, not indexed.
 *   <li>Index rows whose object is missing are reported (nothing can restore them here); index
 *       rows whose ownership the journal lacks are recorded in it.
 * </ul>
 *
 * Only objects in store directories changed since the previous sweep (less a margin) are looked
 * at, and only index rows received since then, so the sweep costs a directory scan rather than a
 * read of everything; the first sweep of a node looks at all.
 */
public final class RecoverySweep {
  private static final Logger LOG = LoggerFactory.getLogger(RecoverySweep.class);
  static final String MARK = "recovery-sweep.started";
  static final Duration MARGIN = Duration.ofMinutes(10);

  private final ObjectStore store;
  private final Index index;
  private final Ownership ownership;
  private final DuplicatePolicy policy;

  RecoverySweep(ObjectStore store, Index index, Ownership ownership, DuplicatePolicy policy) {
    this.store = store;
    this.index = index;
    this.ownership = ownership;
    this.policy = policy == DuplicatePolicy.REPLACE ? DuplicatePolicy.KEEP_NEWEST : policy;
  }

  /** What a sweep found and did. */
  public record Report(Instant since, int examined, List<String> quarantined, List<String> indexed, List<String> discarded,
      List<String> unreadable, List<String> missing, List<String> setAside) {
    public boolean clean() {
      return quarantined.isEmpty() && indexed.isEmpty() && discarded.isEmpty() && unreadable.isEmpty() && missing.isEmpty() && setAside.isEmpty();
    }

    @Override
    public String toString() {
      return String.format("examined %d objects since %s: %d leftovers quarantined, %d objects indexed, %d refused duplicates discarded, %d unreadable, %d index rows without object, %d objects without owner set aside",
          examined, since == null ? "the beginning" : since, quarantined.size(), indexed.size(), discarded.size(), unreadable.size(), missing.size(),
          setAside.size());
    }
  }

  /** Runs the sweep (call before accepting any instance) and records when it started. */
  public Report run() throws IOException {
    Instant started = Instant.now();
    Instant since = index.state(MARK).map(Instant::parse).map(t -> t.minus(MARGIN)).orElse(null);
    List<String> quarantined = store.quarantineLeftovers();
    quarantined.forEach(q -> LOG.warn("quarantined leftover of an interrupted write: {}", q));
    List<String> keys = new ArrayList<>();
    store.forEachKeySince(since, keys::add);
    List<String> indexed = new ArrayList<>();
    List<String> discarded = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> setAside = new ArrayList<>();
    Ownership.Snapshot owners = ownership.snapshot();
    for (String key : keys) {
      boolean referenced = index.isReferenced(key);
      // An object of several organisations: one's row may be there and another's lost.
      if (referenced && owners.count(key) <= 1) continue;
      try {
        java.util.function.Function<org.linnea.store.StoredObject, List<Long>> missing = referenced
            ? obj -> owners.of(obj).stream().filter(org -> !index.isReferencedBy(key, org)).toList()
            : owners::of;
        List<InstanceRecord> records = StoredObjects.records(store, key, missing, new Source("SWEEP", "start-up"));
        if (records.isEmpty() && referenced) continue;
        if (records.isEmpty()) {
          String to = ownership.setAside(store, key);
          setAside.add(store.describe(key) + " -> " + to);
          LOG.warn("set aside an object with no owner recorded (a write a crash interrupted before acknowledgement) object={} to={}", key, to);
          continue;
        }
        for (InstanceRecord rec : records) {
          try {
            IngestOutcome o = index.ingest(rec, policy);
            LOG.info("indexed {} found in the store but not in the index ({})", store.describe(key), o.kind());
          } catch (DuplicateInstanceException e) {
            ownership.revoke(key, rec.organisation());
            LOG.info("a duplicate the policy refused ({}): {}", store.describe(key), e.getMessage());
          }
        }
        if (referenced || index.isReferenced(key)) {
          indexed.add(key);
        } else {
          store.delete(key);
          discarded.add(key);
          LOG.info("deleted {}: a duplicate the policy refused", store.describe(key));
        }
      } catch (IOException | IllegalArgumentException e) {
        unreadable.add(store.describe(key) + ": " + e.getMessage());
        LOG.warn("cannot index {}: {}", store.describe(key), e.getMessage());
      } catch (IndexException e) {
        throw new IOException("index failed during the recovery sweep: " + e.getMessage(), e);
      }
    }
    List<String> missing = new ArrayList<>();
    Instant from = since;
    List<String[]> unrecorded = new ArrayList<>();
    index.forEachInstance(from, i -> {
      // A row the journal lacks (its record was lost with a torn tail after the index committed): record it.
      if (!owners.records(i.storeKey(), i.organisation())) unrecorded.add(new String[] {i.storeKey(), Long.toString(i.organisation())});
      try {
        if (store.stat(i.storeKey()).isEmpty()) {
          missing.add(i.sopInstanceUid() + " -> " + store.describe(i.storeKey()));
        }
      } catch (IOException e) {
        missing.add(i.sopInstanceUid() + " -> " + store.describe(i.storeKey()) + " (" + e.getMessage() + ")");
      }
    });
    for (String[] u : unrecorded) ownership.grant(u[0], Long.parseLong(u[1]));
    if (!unrecorded.isEmpty()) LOG.info("ownership journal: recorded owners of indexed objects it lacked count={}", unrecorded.size());
    missing.forEach(m -> LOG.error("indexed instance whose object is missing: {}", m));
    index.setState(MARK, started.toString());
    Report r = new Report(since, keys.size(), quarantined, indexed, discarded, unreadable, missing, setAside);
    LOG.info("recovery sweep: {}", r);
    return r;
  }
}
