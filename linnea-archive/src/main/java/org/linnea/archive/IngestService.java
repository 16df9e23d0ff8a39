package org.linnea.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomParseException;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.index.DuplicateInstanceException;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.IndexException;
import org.linnea.index.IngestOutcome;
import org.linnea.index.InstanceRecord;
import org.linnea.store.ObjectStore;
import org.linnea.store.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way instances enter the archive, whatever the door (C-STORE, import, STOW-RS, the
 * exchange).
 *
 * <ol>
 *   <li>The bytes stream into a new object of the store; on the way, the header (everything before
 *       Pixel Data) is parsed, so nothing is read twice and pixel data is never held in memory.
 *   <li>The object is committed: forced to disk and renamed under its SHA-256, and its owning
 *       organisation recorded in the {@link OwnershipJournal} (forced, group-committed). Meanwhile
 *       the index writer already executes the statements that record the instance and its parents
 *       (under the duplicate policy), but commits that transaction only once the object and its
 *       ownership are durable.
 *   <li>Only then does the call return, which the door reports as success. A crash before that
 *       leaves at most an object the index does not know, which the start-up {@link RecoverySweep}
 *       indexes; the sender, not having heard success, sends again.
 * </ol>
 *
 * <p>Instances arriving by C-STORE are stored as DICOM Part 10 files (file meta information
 * added, the data set as received); Part 10 streams are stored byte for byte as received. The
 * duplicate policy's "identical" compares whole objects: the same instance imported from a file
 * (with another implementation's file meta information) and received by C-STORE are two
 * different objects.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  static final ReadOptions HEADER = ReadOptions.DEFAULT.withStopBefore(Tag.PixelData);

  private final ObjectStore store;
  private final Index index;
  private final long organisation;
  private final DuplicatePolicy policy;
  private final Ownership ownership;
  /** One virtual thread per ownership record, so that its force overlaps the object's. */
  private static final java.util.concurrent.Executor GRANTS = command -> Thread.ofVirtual().name("linnea-ownership").start(command);

  IngestService(ObjectStore store, Index index, long organisation, DuplicatePolicy policy, Ownership ownership) {
    this.store = store;
    this.index = index;
    this.organisation = organisation;
    this.policy = policy;
    this.ownership = ownership;
  }

  public DuplicatePolicy policy() {
    return policy;
  }

  /** Stores a DICOM Part 10 stream (a file, a STOW-RS part) as it is, for the archive's organisation. */
  public IngestResult ingestFile(InputStream part10, Source source) throws IOException {
    return ingestFile(part10, source, organisation);
  }

  /** Stores a DICOM Part 10 stream as it is, into the index of {@code org} (the uploader's organisation). */
  public IngestResult ingestFile(InputStream part10, Source source, long org) throws IOException {
    try (ObjectStore.Upload upload = store.begin()) {
      DicomFile header;
      try {
        TeeInputStream tee = new TeeInputStream(part10, upload);
        header = DicomReader.open(tee).readFile(HEADER);
      } catch (DicomParseException e) {
        throw new IngestException(IngestException.Reason.CANNOT_UNDERSTAND, "not a DICOM file: " + e.getMessage(), e);
      }
      part10.transferTo(upload);
      String cuid = header.sopClassUID().orElseThrow(() -> invalid("no SOP Class UID"));
      String iuid = header.sopInstanceUID().orElseThrow(() -> invalid("no SOP Instance UID"));
      return commit(upload, header.dataset(), cuid, iuid, header.transferSyntax().uid(), dataOffset(header), source, org);
    }
  }

  /**
   * Stores a bare data set as received by C-STORE, in {@code transferSyntax}, as a Part 10 file.
   * The data set's SOP Class and Instance UIDs must be those of the request.
   */
  public IngestResult ingestDataSet(InputStream dataSet, String sopClassUid, String sopInstanceUid, String transferSyntax, Source source)
      throws IOException {
    return ingestDataSet(dataSet, sopClassUid, sopInstanceUid, transferSyntax, source, organisation);
  }

  /** {@link #ingestDataSet(InputStream, String, String, String, Source)} into the index of {@code org} (the sender's organisation). */
  public IngestResult ingestDataSet(InputStream dataSet, String sopClassUid, String sopInstanceUid, String transferSyntax, Source source, long org)
      throws IOException {
    try (ObjectStore.Upload upload = store.begin()) {
      // No Source Application Entity Title (the index records the source): the object's bytes,
      // and so its SHA-256, depend only on the instance, so that the same instance sent again
      // by another AE is recognised as identical.
      Dataset meta = FileMetaInformation.create(sopClassUid, sopInstanceUid, transferSyntax);
      DicomWriter w = new DicomWriter(upload);
      // The meta information alone: an empty data set "in" an uncompressed syntax of the same UID.
      w.writeFile(null, meta, new Dataset(), new TransferSyntax(transferSyntax, true, false, false, false));
      w.flush();
      long offset = upload.size();
      Dataset header;
      TransferSyntax ts;
      try {
        ts = TransferSyntax.of(transferSyntax);
        header = DicomReader.open(new TeeInputStream(dataSet, upload)).readDataset(ts, HEADER);
      } catch (DicomParseException | IllegalArgumentException e) {
        throw new IngestException(IngestException.Reason.CANNOT_UNDERSTAND, "cannot parse the data set: " + e.getMessage(), e);
      }
      dataSet.transferTo(upload);
      String dsIuid = header.getString(Tag.SOPInstanceUID).orElse(sopInstanceUid);
      String dsCuid = header.getString(Tag.SOPClassUID).orElse(sopClassUid);
      if (!dsIuid.equals(sopInstanceUid) || !dsCuid.equals(sopClassUid)) {
        throw invalid("data set has SOP Class/Instance " + dsCuid + " / " + dsIuid + ", the request " + sopClassUid + " / " + sopInstanceUid);
      }
      return commit(upload, header, sopClassUid, sopInstanceUid, transferSyntax, offset, source, org);
    }
  }

  private IngestResult commit(ObjectStore.Upload upload, Dataset header, String cuid, String iuid, String ts, long dataOffset, Source source, long org)
      throws IOException {
    for (int required : new int[] {Tag.StudyInstanceUID, Tag.SeriesInstanceUID}) {
      if (header.getString(required).isEmpty()) {
        throw invalid("no " + (required == Tag.StudyInstanceUID ? "Study" : "Series") + " Instance UID");
      }
    }
    StoredObject obj;
    try {
      obj = upload.seal();
    } catch (IOException e) {
      throw new IngestException(IngestException.Reason.OUT_OF_RESOURCES, "cannot store " + iuid + ": " + e.getMessage(), e);
    }
    InstanceRecord record = InstanceRecord.of(org, header, cuid, iuid, ts,
        new InstanceRecord.Storage(obj.key(), obj.size(), obj.sha256(), dataOffset, obj.storedAt(), source.toString()));
    // The index statements run while this thread forces the object; the index commits only once
    // the object is durable (see Index#ingestAsync), so the order object, index, response holds.
    CompletableFuture<Void> durable = new CompletableFuture<>();
    CompletableFuture<IngestOutcome> indexed = index.ingestAsync(record, policy, durable);
    try {
      // Who owns the object, forced before the index commits: a rebuilt index restores it. The
      // journal's force runs beside the object's (a record whose object a crash then lost or tore
      // names nothing that reindex will find, and a torn object is quarantined at start-up).
      CompletableFuture<Void> owned = CompletableFuture.runAsync(() -> {
        try {
          ownership.grant(obj.key(), org);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, GRANTS);
      upload.commit();
      try {
        owned.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof java.io.UncheckedIOException u) throw u.getCause();
        throw e;
      }
      durable.complete(null);
    } catch (IOException | RuntimeException e) {
      durable.completeExceptionally(e);
      awaitQuietly(indexed); // the writer leaves the instance out before this returns
      throw new IngestException(IngestException.Reason.OUT_OF_RESOURCES, "cannot store " + iuid + ": " + e.getMessage(), e);
    } finally {
      if (!durable.isDone()) { // an Error on the way: the writer must not wait for this object
        durable.completeExceptionally(new IOException("the object of " + iuid + " was not committed"));
      }
    }
    IngestOutcome outcome;
    try {
      outcome = await(indexed, iuid);
    } catch (DuplicateInstanceException e) {
      revoke(obj.key(), org, iuid);
      discardIfUnreferenced(obj.key());
      throw new IngestException(IngestException.Reason.DUPLICATE, e.getMessage(), e);
    } catch (IndexException e) {
      // The object stays: the recovery sweep indexes it at the next start if the sender does not resend.
      throw new IngestException(IngestException.Reason.OUT_OF_RESOURCES, "cannot index " + iuid + ": " + e.getMessage(), e);
    }
    LOG.debug("stored {} from {} as {} ({})", iuid, source, obj.key(), outcome.kind());
    return new IngestResult(cuid, iuid, record.studyUid(), obj, outcome);
  }

  /** The refused copy's ownership, unless it is the very object the organisation already has. */
  private void revoke(String key, long org, String iuid) {
    try {
      if (index.instance(org, iuid).filter(i -> i.storeKey().equals(key)).isEmpty()) ownership.revoke(key, org);
    } catch (IOException | IndexException e) {
      LOG.warn("refused duplicate {} still recorded as owned: {}", key, e.getMessage());
    }
  }

  private static IngestOutcome await(CompletableFuture<IngestOutcome> indexed, String iuid) {
    try {
      return indexed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while recording " + iuid, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IndexException ie) throw ie;
      throw new IndexException("cannot record instance " + iuid + ": " + e.getCause(), e.getCause());
    }
  }

  private static void awaitQuietly(CompletableFuture<IngestOutcome> indexed) {
    try {
      indexed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // expected: the instance was left out because its object was not stored
    }
  }

  private void discardIfUnreferenced(String key) {
    try {
      if (!index.isReferenced(key)) store.delete(key);
    } catch (IOException | IndexException e) {
      LOG.warn("refused duplicate left in the store as {}: {}", key, e.getMessage());
    }
  }

  /** Where the data set starts in a Part 10 file: after the file meta information, as stored. */
  static long dataOffset(DicomFile f) {
    var groupLength = f.fileMeta().getInt(Tag.FileMetaInformationGroupLength);
    if (groupLength.isPresent() && f.preamble() != null) {
      return 132 + 12 + (groupLength.getAsInt() & 0xFFFFFFFFL);
    }
    return f.datasetOffset();
  }

  private static IngestException invalid(String why) {
    return new IngestException(IngestException.Reason.INVALID, why);
  }
}
