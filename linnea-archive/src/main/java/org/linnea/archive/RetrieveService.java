package org.linnea.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.linnea.dicom.data.Dataset;
import org.linnea.index.Index;
import org.linnea.index.InstanceLocation;
import org.linnea.index.Level;
import org.linnea.index.Query;
import org.linnea.store.ObjectStore;

/**
 * Opens stored instances: the one way out for C-MOVE, C-GET, WADO and the viewer, so that access
 * control and audit have one place to sit.
 */
public final class RetrieveService {
  private final ObjectStore store;
  private final Index index;
  private final long organisation;

  public RetrieveService(ObjectStore store, Index index, long organisation) {
    this.store = store;
    this.index = index;
    this.organisation = organisation;
  }

  /** The instances a C-MOVE or C-GET identifier names (unique keys at its level and above). */
  public List<InstanceLocation> locate(Dataset identifier) {
    return index.locate(Query.fromIdentifier(identifier, organisation));
  }

  public List<InstanceLocation> locate(Query q) {
    return index.locate(q);
  }

  /** The instances of studies, series or single instances by UID. */
  public List<InstanceLocation> locate(Level level, String... uids) {
    int tag = switch (level) {
      case PATIENT -> org.linnea.dicom.Tag.PatientID;
      case STUDY -> org.linnea.dicom.Tag.StudyInstanceUID;
      case SERIES -> org.linnea.dicom.Tag.SeriesInstanceUID;
      case IMAGE -> org.linnea.dicom.Tag.SOPInstanceUID;
    };
    return index.locate(Query.of(level, organisation).match(tag, new org.linnea.index.Matching.UidList(List.of(uids))));
  }

  /** The whole stored object (a Part 10 file). */
  public InputStream openObject(InstanceLocation i) throws IOException {
    return store.open(i.storeKey());
  }

  /** The data set alone, without file meta information, in {@link InstanceLocation#transferSyntax()}. */
  public InputStream openDataSet(InstanceLocation i) throws IOException {
    return store.openRange(i.storeKey(), i.dataOffset(), Math.max(0, i.size() - i.dataOffset()));
  }
}
