package org.linnea.dicom.io;

/**
 * How {@link DicomReader} reads.
 *
 * @param stopBefore stop at the first top-level element whose tag is this or greater (unsigned),
 *     leaving the stream positioned at that element; {@code -1} (FFFF,FFFF) reads everything.
 *     {@code Tag.PixelData} reads a header without pixel data.
 * @param bulkDataThreshold values of OB, OW, OF, OD, OL, OV and UN (and pixel data fragments)
 *     longer than this many bytes are not read into memory but kept as {@link
 *     org.linnea.dicom.data.BulkData} references into the file; {@code -1} never. Only applies
 *     when reading from a file (not a stream) that is not deflated.
 * @param maxValueLength the longest single value read into memory; longer ones are an error
 *     (hostile lengths cannot make the reader allocate more than this).
 * @param maxDepth deepest nesting of sequences accepted.
 * @param resolveUnknownVR replace VR UN of a public element by the VR the dictionary gives (PS3.5
 *     6.2.2): sequences are parsed, other values keep their bytes.
 */
public record ReadOptions(int stopBefore, long bulkDataThreshold, long maxValueLength, int maxDepth, boolean resolveUnknownVR) {

  /** Everything, in memory, up to 2 GiB per value, 64 levels of sequences. */
  public static final ReadOptions DEFAULT = new ReadOptions(-1, -1, Integer.MAX_VALUE - 16, 64, true);

  public ReadOptions {
    if (maxDepth < 1 || maxDepth > 1000) {
      throw new IllegalArgumentException("maxDepth must be between 1 and 1000, not " + maxDepth);
    }
    if (maxValueLength < 0 || maxValueLength > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxValueLength out of range: " + maxValueLength);
    }
  }

  public ReadOptions withStopBefore(int tag) {
    return new ReadOptions(tag, bulkDataThreshold, maxValueLength, maxDepth, resolveUnknownVR);
  }

  public ReadOptions withBulkDataThreshold(long bytes) {
    return new ReadOptions(stopBefore, bytes, maxValueLength, maxDepth, resolveUnknownVR);
  }

  public ReadOptions withMaxValueLength(long bytes) {
    return new ReadOptions(stopBefore, bulkDataThreshold, bytes, maxDepth, resolveUnknownVR);
  }

  public ReadOptions withMaxDepth(int depth) {
    return new ReadOptions(stopBefore, bulkDataThreshold, maxValueLength, depth, resolveUnknownVR);
  }

  public ReadOptions withResolveUnknownVR(boolean resolve) {
    return new ReadOptions(stopBefore, bulkDataThreshold, maxValueLength, maxDepth, resolve);
  }
}
