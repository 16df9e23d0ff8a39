package org.linnea.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.linnea.dicom.Tag;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;

/**
 * An {@link Instance} in a DICOM Part 10 file: the file meta information (or, without it, the
 * first elements of the data set) gives the SOP class, instance and transfer syntax; the data set
 * is streamed from the file as stored, never decoded or held in memory.
 */
public record FileInstance(Path path, String sopClassUid, String sopInstanceUid, String transferSyntax, long dataSetOffset)
    implements Instance {

  /**
   * Reads the identity of a file.
   *
   * @throws IOException when it is not a DICOM file or lacks SOP Class or Instance UID
   */
  public static FileInstance of(Path path) throws IOException {
    DicomFile f = DicomReader.readFile(path, ReadOptions.DEFAULT.withStopBefore(0x00080019));
    String cuid = f.sopClassUID().orElseThrow(() -> new IOException(path + ": no SOP Class UID (not a DICOM instance?)"));
    String iuid = f.sopInstanceUID().orElseThrow(() -> new IOException(path + ": no SOP Instance UID (not a DICOM instance?)"));
    long offset = f.datasetOffset();
    var groupLength = f.fileMeta().getInt(Tag.FileMetaInformationGroupLength);
    if (groupLength.isPresent() && f.preamble() != null) {
      offset = 132 + 12 + (groupLength.getAsInt() & 0xFFFFFFFFL); // the file's bytes, even when deflated
    }
    return new FileInstance(path, cuid, iuid, f.transferSyntax().uid(), offset);
  }

  @Override
  public InputStream openDataSet() throws IOException {
    InputStream in = Files.newInputStream(path);
    try {
      in.skipNBytes(dataSetOffset);
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return in;
  }
}
