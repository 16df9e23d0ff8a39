package org.linnea.archive;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.index.InstanceRecord;
import org.linnea.store.ObjectStore;
import org.linnea.store.StoredObject;

/** Reads what the index needs from an object already in the store (sweep, reindex). */
final class StoredObjects {
  private StoredObjects() {}

  /**
   * The index record of a stored object, its reception time taken from the store.
   *
   * @throws IOException when the object is gone or is not a DICOM instance
   */
  static InstanceRecord record(ObjectStore store, String key, long organisation, Source source) throws IOException {
    StoredObject obj = store.stat(key).orElseThrow(() -> new IOException("object " + key + " vanished"));
    DicomFile header;
    try (InputStream in = store.open(key)) {
      header = DicomReader.open(in).readFile(IngestService.HEADER);
    }
    String cuid = header.sopClassUID().orElseThrow(() -> new IOException("no SOP Class UID"));
    String iuid = header.sopInstanceUID().orElseThrow(() -> new IOException("no SOP Instance UID"));
    Instant at = obj.storedAt();
    return InstanceRecord.of(organisation, header.dataset(), cuid, iuid, header.transferSyntax().uid(),
        new InstanceRecord.Storage(key, obj.size(), obj.sha256(), IngestService.dataOffset(header), at, source.toString()));
  }
}
