package org.linnea.archive;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.index.InstanceRecord;
import org.linnea.store.ObjectStore;
import org.linnea.store.StoredObject;

/** Reads what the index needs from an object already in the store (sweep, reindex). */
final class StoredObjects {
  private StoredObjects() {}

  /**
   * One index record per owner of a stored object ({@code owners} of its size and time; none when
   * it has none), the header read once.
   *
   * @throws IOException when the object is gone or is not a DICOM instance
   */
  static List<InstanceRecord> records(ObjectStore store, String key, Function<StoredObject, List<Long>> owners, Source source) throws IOException {
    StoredObject obj = store.stat(key).orElseThrow(() -> new IOException("object " + key + " vanished"));
    List<Long> orgs = owners.apply(obj);
    if (orgs.isEmpty()) return List.of();
    DicomFile header;
    try (InputStream in = store.open(key)) {
      header = DicomReader.open(in).readFile(IngestService.HEADER);
    }
    String cuid = header.sopClassUID().orElseThrow(() -> new IOException("no SOP Class UID"));
    String iuid = header.sopInstanceUID().orElseThrow(() -> new IOException("no SOP Instance UID"));
    Instant at = obj.storedAt();
    List<InstanceRecord> out = new ArrayList<>(orgs.size());
    for (long org : orgs) {
      out.add(InstanceRecord.of(org, header.dataset(), cuid, iuid, header.transferSyntax().uid(),
          new InstanceRecord.Storage(key, obj.size(), obj.sha256(), IngestService.dataOffset(header), at, source.toString())));
    }
    return out;
  }
}
