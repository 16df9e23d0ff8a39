package org.linnea.dicom.io;

import java.util.List;
import java.util.Optional;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;

/**
 * A DICOM Part 10 file as read: the 128-byte preamble (null when the file had none), the file
 * meta information (group 0002; empty when absent), the dataset, the transfer syntax the dataset
 * is encoded in, and what the reader found worth telling (for example "no file meta
 * information; guessed Implicit VR Little Endian").
 *
 * @param datasetOffset byte offset of the dataset's first element in the file
 * @param stoppedAt offset of the element the read stopped before, or -1 if read to the end
 */
public record DicomFile(byte[] preamble, Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax,
    List<String> warnings, long datasetOffset, long stoppedAt) {

  public Optional<String> sopClassUID() {
    return dataset.getString(Tag.SOPClassUID).or(() -> fileMeta.getString(Tag.MediaStorageSOPClassUID));
  }

  public Optional<String> sopInstanceUID() {
    return dataset.getString(Tag.SOPInstanceUID).or(() -> fileMeta.getString(Tag.MediaStorageSOPInstanceUID));
  }
}
