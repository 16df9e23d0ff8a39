package org.linnea.dicom.json;

import java.io.IOException;
import java.util.List;
import org.linnea.dicom.Tags;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;

/**
 * Makes the BulkDataURI (PS3.18 F.2.6) of a value that {@link DicomJsonWriter} does not inline.
 *
 * <p>{@code path} locates the attribute: even positions are tags, odd positions are item indices
 * (0-based) of the sequence named just before, so {@code [0x00081140, 2, 0x7FE00010]} is Pixel
 * Data in the third item of (0008,1140); {@link #pathString(int[])} formats it as {@code
 * 00081140/2/7FE00010}. {@code value} is the value as held by the dataset: {@code byte[]},
 * {@link BulkData} or {@link Fragments}. A WADO-RS server plugs in a function that makes
 * {@code .../bulkdata/...} URLs for its own resources.
 */
@FunctionalInterface
public interface BulkDataUris {

  /** The URI for the value; never null. */
  String uriFor(Dataset dataset, int[] path, Object value) throws IOException;

  /** Relative references {@code prefix + pathString(path)}, for example {@code bulk/7FE00010}. */
  static BulkDataUris relative(String prefix) {
    return (ds, path, value) -> prefix + pathString(path);
  }

  /**
   * The default: a value still in its file becomes {@code file:///path/x.dcm#offset=1234&length=5678}
   * (the byte range of the value in the file, followed by {@code &endian=big} when the bytes
   * there are big endian words, from a big endian transfer syntax); encapsulated pixel data
   * whose fragments are all in the file, one after the other, becomes the byte range from the
   * first fragment's Item tag to the end of the last fragment (the items of PS3.5 A.4 after the
   * Basic Offset Table, headers included); a {@link BulkData} that is not a file (read from a
   * JSON BulkDataURI) keeps its URI; anything else becomes {@code bulk/} and the {@linkplain
   * #pathString(int[]) path}.
   */
  static BulkDataUris fileRangesOrRelative() {
    return (ds, path, value) -> {
      if (value instanceof BulkData b) {
        if (!b.isFile() || b.length() == DicomJsonReader.UNKNOWN_LENGTH) return b.uri();
        return fileRange(b.uri(), b.offset(), b.length()) + (b.bigEndian() ? "&endian=big" : "");
      }
      if (value instanceof Fragments f) {
        String range = fragmentsRange(f);
        if (range != null) return range;
      }
      return "bulk/" + pathString(path);
    };
  }

  /** {@code uri#offset=N&length=M}, the form {@link DicomJsonReader}'s default resolver understands. */
  static String fileRange(String uri, long offset, long length) {
    return uri + "#offset=" + offset + "&length=" + length;
  }

  /** "00081140/2/7FE00010": tags as ggggeeee, item indices in decimal, separated by '/'. */
  static String pathString(int[] path) {
    StringBuilder sb = new StringBuilder(path.length * 9);
    for (int i = 0; i < path.length; i++) {
      if (i > 0) sb.append('/');
      if ((i & 1) == 0) sb.append(Tags.toHex(path[i]));
      else sb.append(path[i]);
    }
    return sb.toString();
  }

  private static String fragmentsRange(Fragments f) {
    List<Object> items = f.items();
    if (items.size() < 2) return null;
    String uri = null;
    long start = -1;
    long end = -1;
    for (int i = 1; i < items.size(); i++) {
      if (!(items.get(i) instanceof BulkData b) || !b.isFile()) return null;
      if (uri == null) {
        uri = b.uri();
        start = b.offset() - 8;
      } else if (!uri.equals(b.uri()) || b.offset() - 8 != end) {
        return null;
      }
      end = b.offset() + b.length() + (b.length() & 1);
    }
    return start < 0 ? null : fileRange(uri, start, end - start);
  }
}
