package org.linnea.security.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Protocols, cipher suites and client authentication of a TLS endpoint.
 *
 * <p>The defaults follow RFC 9325 (BCP 195) and the DICOM BCP 195 profiles of PS3.15 B.9–B.11:
 * TLS 1.3 and 1.2 only; in TLS 1.2 only ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 (no
 * RSA key transport, no CBC, no SHA-1 MACs, no static DH). TLS 1.3 suites are all AEAD.
 *
 * @param protocols enabled protocol names ("TLSv1.3", "TLSv1.2")
 * @param cipherSuites enabled suites, in preference order; those the JDK lacks are dropped
 * @param clientAuth whether a server asks for client certificates
 */
public record TlsSettings(List<String> protocols, List<String> cipherSuites, ClientAuth clientAuth) {

  /** Client certificates: not asked, asked (optional), required. */
  public enum ClientAuth {
    NONE,
    WANT,
    NEED
  }

  /** The only protocols Linnea speaks. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** The suites Linnea offers, in preference order. */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public TlsSettings {
    protocols = List.copyOf(protocols);
    for (String p : protocols) {
      if (!PROTOCOLS.contains(p)) {
        throw new IllegalArgumentException("protocol not allowed: " + p + " (only " + PROTOCOLS + ")");
      }
    }
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("no protocol");
    }
    cipherSuites = List.copyOf(cipherSuites);
    Objects.requireNonNull(clientAuth, "clientAuth");
  }

  /** TLS 1.3 and 1.2, the safe suites, no client certificates. */
  public static TlsSettings defaults() {
    return new TlsSettings(PROTOCOLS, CIPHER_SUITES, ClientAuth.NONE);
  }

  /** The same with another client-certificate policy. */
  public TlsSettings withClientAuth(ClientAuth auth) {
    return new TlsSettings(protocols, cipherSuites, auth);
  }

  /** The configured suites this JDK supports, in order; fails when none is left. */
  String[] supportedSuites(SSLContext ctx) {
    Set<String> supported = Set.of(ctx.getSupportedSSLParameters().getCipherSuites());
    List<String> out = new ArrayList<>();
    for (String s : cipherSuites) {
      if (supported.contains(s)) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("none of the cipher suites " + cipherSuites + " is supported by this JDK: "
          + Arrays.toString(ctx.getSupportedSSLParameters().getCipherSuites()));
    }
    return out.toArray(String[]::new);
  }
}
