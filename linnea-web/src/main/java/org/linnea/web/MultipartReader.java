package org.linnea.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart body (RFC 2046 5.1, as PS3.18 8.6.1.2 uses it) one part at a time from a
 * stream, never holding more than one buffer of it: each part's body is an {@link InputStream}
 * that ends at the next delimiter. A part must be read to its end (or {@link #nextPart()} skips
 * the rest) before the next one is asked for.
 *
 * <p>The search keeps the last {@code delimiter - 1} bytes of the buffer back until more data
 * shows whether they start a delimiter, so a part's bytes are never confused with the boundary.
 * Structural damage (no first boundary, a body ending inside a part, headers too long) is a
 * {@link MalformedMultipartException}.
 */
final class MultipartReader {
  private static final int BUFFER = 128 * 1024;
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  /** The body is not valid multipart. */
  static final class MalformedMultipartException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedMultipartException(String message) {
      super(message);
    }
  }

  /** One part: its headers (names lower-cased) and its body. */
  record Part(Map<String, String> headers, InputStream body) {
    String contentType() {
      return headers.getOrDefault("content-type", "text/plain");
    }
  }

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf = new byte[BUFFER];
  private int start;
  private int end;
  private boolean eof;
  private boolean finished;
  private PartStream current;

  MultipartReader(InputStream in, String boundary) {
    if (boundary.isEmpty() || boundary.length() > 70) throw WebException.badRequest("multipart boundary must have 1 to 70 characters");
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    // The first delimiter may open the body without a preceding line break: pretend there is one.
    buf[0] = '\r';
    buf[1] = '\n';
    end = 2;
  }

  /** The next part, or null after the close delimiter. */
  Part nextPart() throws IOException {
    if (finished) return null;
    if (current == null) {
      // Skip the preamble.
      PartStream preamble = new PartStream();
      preamble.skipToEnd();
      if (preamble.sawNothing) throw new MalformedMultipartException("no multipart boundary in the body");
    } else {
      current.skipToEnd();
    }
    // After a delimiter: "--" closes, otherwise transport padding and CRLF.
    fill(2);
    if (end - start >= 2 && buf[start] == '-' && buf[start + 1] == '-') {
      finished = true;
      return null;
    }
    while (true) {
      fill(1);
      if (end - start < 1) throw new MalformedMultipartException("body ends after a boundary");
      byte b = buf[start];
      if (b == ' ' || b == '\t') {
        start++;
      } else {
        break;
      }
    }
    fill(2);
    if (end - start < 2 || buf[start] != '\r' || buf[start + 1] != '\n') throw new MalformedMultipartException("boundary not followed by a line break");
    start += 2;
    Map<String, String> headers = readHeaders();
    current = new PartStream();
    return new Part(headers, current);
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    while (true) {
      StringBuilder line = new StringBuilder();
      while (true) {
        fill(1);
        if (end - start < 1) throw new MalformedMultipartException("body ends inside part headers");
        byte b = buf[start++];
        if (++total > MAX_HEADER_BYTES) throw new MalformedMultipartException("part headers longer than " + MAX_HEADER_BYTES + " bytes");
        if (b == '\n') break;
        line.append((char) (b & 0xFF));
      }
      int len = line.length();
      if (len > 0 && line.charAt(len - 1) == '\r') line.setLength(len - 1);
      if (line.isEmpty()) return headers;
      int colon = line.indexOf(":");
      if (colon <= 0) throw new MalformedMultipartException("malformed part header '" + line + "'");
      headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
  }

  /** Makes at least {@code n} bytes available unless the stream ends first. */
  private void fill(int n) throws IOException {
    if (end - start >= n) return;
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    while (end - start < n && !eof) {
      int r = in.read(buf, end, buf.length - end);
      if (r < 0) {
        eof = true;
      } else {
        end += r;
      }
    }
  }

  /** Index of the delimiter in buf[start, end), or -1. */
  private int findDelimiter() {
    byte first = delimiter[0];
    outer:
    for (int i = start, last = end - delimiter.length; i <= last; i++) {
      if (buf[i] != first) continue;
      for (int j = 1; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  private final class PartStream extends InputStream {
    private boolean done;
    boolean sawNothing = true;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) return -1;
      if (len == 0) return 0;
      while (true) {
        int k = findDelimiter();
        if (k == start) {
          start += delimiter.length;
          done = true;
          sawNothing = false;
          return -1;
        }
        int avail;
        if (k >= 0) {
          avail = k - start;
        } else {
          avail = end - start - (delimiter.length - 1);
          if (avail <= 0) {
            if (eof) throw new MalformedMultipartException("body ends inside a part (no closing boundary)");
            // Room for a whole delimiter after what is kept back.
            fill(delimiter.length + Math.min(len, BUFFER / 2));
            if (end - start < delimiter.length && eof) throw new MalformedMultipartException("body ends inside a part (no closing boundary)");
            continue;
          }
        }
        int n = Math.min(avail, len);
        System.arraycopy(buf, start, b, off, n);
        start += n;
        return n;
      }
    }

    void skipToEnd() throws IOException {
      byte[] skip = new byte[8192];
      try {
        while (read(skip, 0, skip.length) >= 0) {
          // discard
        }
      } catch (MalformedMultipartException e) {
        if (sawNothing && current == null) {
          done = true;
          return; // preamble without boundary: reported by nextPart
        }
        throw e;
      }
    }
  }
}
