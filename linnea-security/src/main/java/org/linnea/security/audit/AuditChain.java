package org.linnea.security.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The chain's rules, shared by every {@link AuditLog} implementation so that a record hashes the
 * same in a file and in a database: the body of record {@code seq} is the JSON object
 *
 * <pre>{"seq":7,"prev":"&lt;hash of record 6&gt;","recorded":"2026-…Z","message":{…}}</pre>
 *
 * written by {@link #body} (fixed key order, {@link AuditJson} for the message), and its hash is
 * the SHA-256 of the body's UTF-8 bytes in lower-case hex ({@link #hash}). A store keeps the body
 * text as written and hashes that text when verifying — never a re-serialisation.
 */
public final class AuditChain {

  private AuditChain() {}

  /** The body of a record. */
  public static String body(long seq, String previousHash, Instant recorded, AuditMessage message) {
    StringWriter w = new StringWriter(1024);
    try (JsonGenerator g = AuditJson.FACTORY.createGenerator(w)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("prev", previousHash);
      g.writeStringField("recorded", recorded.toString());
      g.writeFieldName("message");
      AuditJson.write(message, g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** SHA-256 of the text's UTF-8 bytes, lower-case hex. */
  public static String hash(String body) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
