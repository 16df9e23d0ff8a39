package org.linnea.archive;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.InstanceRecord;
import org.linnea.index.Organisations;
import org.linnea.index.StudyDeletion;
import org.linnea.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes studies and series, undoably for a while: the index forgets them in one transaction and
 * their objects move to the trash beside the store, kept for the retention and then purged.
 *
 * <pre>
 * store/trash/{deletedAt millis}-{n}/deletion.properties   organisation, study, series, patient, time, keys
 * store/trash/{deletedAt millis}-{n}/{key}                  the objects, as they were stored
 * </pre>
 *
 * <p>Order: the index transaction first (the study is gone for every reader at once), then each
 * object copied into the trash and forced, then the manifest, then the objects deleted from the
 * store (unless another organisation's row still refers to the same bytes), then the ownership
 * revoked. A crash before the objects leave the store leaves them owned and unindexed: the
 * start-up sweep indexes them again — the deletion did not happen and can be repeated; nothing is
 * lost at any point. {@link #restore} indexes a trashed deletion again.
 */
public final class DeleteService {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteService.class);
  static final String MANIFEST = "deletion.properties";

  private final ObjectStore store;
  private final Index index;
  private final Ownership ownership;
  private final Organisations organisations;
  private final Path trash;

  DeleteService(ObjectStore store, Index index, Ownership ownership, Organisations organisations, Path trash) {
    this.store = store;
    this.index = index;
    this.ownership = ownership;
    this.organisations = organisations;
    this.trash = trash;
  }

  /** What a deletion removed, and where its objects wait. */
  public record Deleted(String patientId, String studyUid, String seriesUid, int instances, int objects, Path trash) {}

  /** What a restore put back. */
  public record Restored(int deletions, int objects, List<String> failures) {}

  /**
   * Deletes a study of {@code organisation}, or one series of it when {@code seriesUid} is not
   * null. Empty when the organisation has no such study or series.
   */
  public Optional<Deleted> delete(long organisation, String studyUid, String seriesUid) throws IOException {
    Optional<StudyDeletion> found = index.deleteStudy(organisation, studyUid, seriesUid);
    if (found.isEmpty()) return Optional.empty();
    StudyDeletion d = found.get();
    Instant at = Instant.now();
    Path dir = newTrashDir(at);
    List<String> keys = d.storeKeys().stream().distinct().toList();
    for (String key : keys) {
      try (InputStream in = store.open(key)) {
        copyDurably(in, dir.resolve(key));
      }
    }
    Properties p = new Properties();
    p.setProperty("organisation", organisations.nameOf(organisation));
    p.setProperty("study", studyUid);
    if (seriesUid != null) p.setProperty("series", seriesUid);
    if (d.patientId() != null) p.setProperty("patient", d.patientId());
    p.setProperty("deletedAt", at.toString());
    p.setProperty("keys", String.join(",", keys));
    java.io.StringWriter w = new java.io.StringWriter();
    p.store(w, "a deletion: ./linnea restore-deleted --study " + studyUid + " puts it back");
    copyDurably(new java.io.ByteArrayInputStream(w.toString().getBytes(UTF_8)), dir.resolve(MANIFEST));
    force(dir);
    force(trash);
    for (String key : keys) {
      if (!index.isReferenced(key)) store.delete(key);
      ownership.revoke(key, organisation);
    }
    LOG.info("deleted study={} series={} patient={} instances={} objects={} trash={}", studyUid, seriesUid, d.patientId(), d.instances(), keys.size(), dir);
    return Optional.of(new Deleted(d.patientId(), studyUid, seriesUid, d.instances(), keys.size(), dir));
  }

  /**
   * Indexes again every trashed deletion of {@code studyUid} (of {@code organisationName}, or of any
   * organisation when null): objects back into the store, ownership recorded, instances indexed;
   * the trash entry goes once all its objects are back.
   */
  public Restored restore(String studyUid, String organisationName) throws IOException {
    int deletions = 0;
    int objects = 0;
    List<String> failures = new ArrayList<>();
    for (Path dir : entries()) {
      Properties p = manifest(dir);
      if (p == null || !studyUid.equals(p.getProperty("study"))) continue;
      String orgName = p.getProperty("organisation");
      if (organisationName != null && !organisationName.equals(orgName)) continue;
      long org = organisations.idOf(orgName);
      Source source = new Source("RESTORE", p.getProperty("deletedAt"));
      boolean whole = true;
      for (String key : p.getProperty("keys", "").split(",")) {
        if (key.isEmpty()) continue;
        try (InputStream in = Files.newInputStream(dir.resolve(key))) {
          String stored = store.put(in).key();
          ownership.grant(stored, org);
          for (InstanceRecord r : StoredObjects.records(store, stored, obj -> List.of(org), source)) index.ingest(r, DuplicatePolicy.KEEP_NEWEST);
          objects++;
        } catch (IOException | RuntimeException e) {
          whole = false;
          failures.add(dir.resolve(key) + ": " + e.getMessage());
        }
      }
      deletions++;
      if (whole) deleteTree(dir);
      LOG.info("restored deletion study={} organisation={} from={}", studyUid, orgName, dir);
    }
    return new Restored(deletions, objects, failures);
  }

  /** Removes trashed deletions older than {@code retention}; returns how many. */
  public int purge(Duration retention) throws IOException {
    Instant before = Instant.now().minus(retention);
    int purged = 0;
    for (Path dir : entries()) {
      Properties p = manifest(dir);
      Instant at;
      try {
        at = p == null ? Files.getLastModifiedTime(dir).toInstant() : Instant.parse(p.getProperty("deletedAt"));
      } catch (RuntimeException e) {
        at = Files.getLastModifiedTime(dir).toInstant();
      }
      if (at.isBefore(before)) {
        deleteTree(dir);
        purged++;
        LOG.info("purged deletion from the trash study={} deletedAt={} dir={}", p == null ? "?" : p.getProperty("study"), at, dir);
      }
    }
    return purged;
  }

  /** The trashed deletions, oldest first. */
  public List<Path> entries() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(trash)) return out;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(trash, Files::isDirectory)) {
      s.forEach(out::add);
    }
    out.sort(Comparator.comparing(d -> d.getFileName().toString()));
    return out;
  }

  static Properties manifest(Path dir) throws IOException {
    Path f = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(f)) return null;
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(f, UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private Path newTrashDir(Instant at) throws IOException {
    Files.createDirectories(trash);
    for (int n = 0; ; n++) {
      Path dir = trash.resolve(at.toEpochMilli() + "-" + n);
      try {
        return Files.createDirectory(dir);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another deletion in the same millisecond
      }
    }
  }

  /** Writes a stream to {@code to} through a temporary file, forced, then renamed. */
  static void copyDurably(InputStream in, Path to) throws IOException {
    Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      in.transferTo(Channels.newOutputStream(out));
      out.force(false);
    }
    Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void force(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
    force(dir.getParent());
  }
}
