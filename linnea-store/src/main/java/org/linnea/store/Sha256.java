package org.linnea.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 of streams, as lower-case hex; what the store names objects by and verification checks. */
public final class Sha256 {
  private Sha256() {}

  /** The digest and length of everything the stream yields. */
  public record Digest(String hex, long size) {}

  public static Digest of(InputStream in) throws IOException {
    MessageDigest md = FileSystemStore.sha256();
    byte[] buf = new byte[64 * 1024];
    long size = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
      size += n;
    }
    return new Digest(HexFormat.of().formatHex(md.digest()), size);
  }
}
