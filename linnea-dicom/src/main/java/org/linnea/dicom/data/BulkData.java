package org.linnea.dicom.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value left where it is: {@code length} bytes at {@code offset} of the resource {@code uri}
 * (a file, or a DICOMweb BulkDataURI). Pixel data and other large values stay on disk this way
 * instead of in memory. {@code bigEndian} is the byte order of the bytes there.
 */
public record BulkData(String uri, long offset, long length, boolean bigEndian) {

  public BulkData {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
  }

  public static BulkData ofFile(Path file, long offset, long length, boolean bigEndian) {
    return new BulkData(file.toUri().toString(), offset, length, bigEndian);
  }

  /** True when the bytes are in a local file that {@link #openStream()} can read. */
  public boolean isFile() {
    return uri.startsWith("file:");
  }

  public Path file() {
    return Path.of(URI.create(uri));
  }

  /** The bytes, streamed from the file region. */
  public InputStream openStream() throws IOException {
    if (!isFile()) {
      throw new IOException("bulk data at " + uri + " is not a local file; fetch it through its URI");
    }
    FileChannel ch = FileChannel.open(file(), StandardOpenOption.READ);
    if (ch.size() < offset + length) {
      ch.close();
      throw new IOException("bulk data " + uri + " is shorter than expected: " + ch.size()
          + " bytes, need " + (offset + length) + " (the file changed after it was read)");
    }
    ch.position(offset);
    InputStream in = Channels.newInputStream(ch);
    return new InputStream() {
      long left = length;

      @Override
      public int read() throws IOException {
        if (left == 0) return -1;
        int b = in.read();
        if (b >= 0) left--;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) return -1;
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n > 0) left -= n;
        return n;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  /** All bytes in memory; only for values known to be small enough. */
  public byte[] readAllBytes() throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException("bulk data of " + length + " bytes is too large for memory; stream it");
    }
    try (InputStream in = openStream()) {
      return in.readNBytes((int) length);
    }
  }
}
