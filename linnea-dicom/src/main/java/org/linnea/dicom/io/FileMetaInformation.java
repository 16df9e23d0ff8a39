package org.linnea.dicom.io;

import org.linnea.dicom.Implementation;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;

/** Builds the File Meta Information (group 0002) of PS3.10 section 7.1. */
public final class FileMetaInformation {
  private FileMetaInformation() {}

  /**
   * File meta information for an instance: version 00\01, the SOP class and instance, the
   * transfer syntax, and Linnea's implementation class UID and version name. Its group length
   * is computed when written.
   */
  public static Dataset create(String sopClassUID, String sopInstanceUID, String transferSyntaxUID) {
    Dataset meta = new Dataset(false);
    meta.setInt(Tag.FileMetaInformationGroupLength, VR.UL, 0);
    meta.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
    meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUID);
    meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUID);
    meta.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUID);
    meta.setString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
    meta.setString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
    return meta;
  }

  /** File meta information for a dataset, taking its SOP Class and Instance UIDs. */
  public static Dataset of(Dataset dataset, TransferSyntax ts) {
    return create(
        dataset.getString(Tag.SOPClassUID).orElse(""),
        dataset.getString(Tag.SOPInstanceUID).orElse(""),
        ts.uid());
  }
}
