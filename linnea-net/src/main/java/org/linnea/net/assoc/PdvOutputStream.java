package org.linnea.net.assoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes one DIMSE command or data set as presentation data values (PS3.8 Annex E), each in its
 * own P-DATA-TF no longer than the peer's maximum PDU length. {@link #close()} sends the last
 * fragment, with the last-fragment bit set, and flushes the transport.
 *
 * <p>The caller holds {@link Association#lockWrite()} from the command's first fragment to the data
 * set's last, so that messages never interleave, and closes one stream before opening the next:
 * all streams of an association share one fragment buffer.
 */
public final class PdvOutputStream extends OutputStream {
  private final Association as;
  private final int pcid;
  private final boolean command;
  private final byte[] buf;
  private int count;
  private final boolean flushAtEnd;
  private boolean closed;

  public PdvOutputStream(Association as, int pcid, boolean command) {
    this(as, pcid, command, true);
  }

  /** @param flushAtEnd false when a data set follows this command at once */
  public PdvOutputStream(Association as, int pcid, boolean command, boolean flushAtEnd) {
    this.flushAtEnd = flushAtEnd;
    this.as = as;
    this.pcid = pcid;
    this.command = command;
    this.buf = as.sendBuffer();
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buf.length) {
      fragment(false);
    }
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (count == buf.length) {
        fragment(false);
      }
      int n = Math.min(len, buf.length - count);
      System.arraycopy(b, off, buf, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  /** Copies the rest of {@code in} into fragments, reading straight into the fragment buffer. */
  public long transferFrom(InputStream in) throws IOException {
    long total = 0;
    while (true) {
      if (count == buf.length) {
        fragment(false);
      }
      int n = in.read(buf, count, buf.length - count);
      if (n < 0) {
        return total;
      }
      count += n;
      total += n;
    }
  }

  private void fragment(boolean last) throws IOException {
    as.writePdv(pcid, command, last, buf, 0, count, last && flushAtEnd);
    count = 0;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      fragment(true);
    }
  }
}
