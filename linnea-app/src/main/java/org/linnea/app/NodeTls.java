package org.linnea.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.linnea.app.config.Configuration;
import org.linnea.app.config.ConfigurationException;
import org.linnea.net.assoc.SecureTransport;
import org.linnea.security.tls.CertificateAndKey;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;
import org.linnea.security.tls.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TLS: its certificate (PEM files, a PKCS#12 key store, or a self-signed development
 * certificate kept in the data folder and reused), and the contexts made from it — one for DICOM
 * TLS, which checks DICOM peers' client certificates against {@code tls.trustedCertificates}, and
 * one for HTTPS. Protocols and suites are linnea-security's ({@link TlsSettings}): TLS 1.3 and 1.2,
 * forward-secret AEAD suites.
 */
final class NodeTls {
  private static final Logger LOG = LoggerFactory.getLogger(NodeTls.class);
  /** How long a development certificate is valid; a new one is generated when it has expired. */
  static final Duration DEV_VALIDITY = Duration.ofDays(365);

  private final CertificateAndKey identity;
  private final TlsContext dicom;
  private final TlsContext https;
  private final String source;

  private NodeTls(CertificateAndKey identity, TlsContext dicom, TlsContext https, String source) {
    this.identity = identity;
    this.dicom = dicom;
    this.https = https;
    this.source = source;
  }

  /** The node's TLS, or null when no certificate is configured. */
  static NodeTls load(Configuration config) {
    Configuration.Tls t = config.tls();
    t.check();
    if (!t.enabled()) {
      return null;
    }
    try {
      CertificateAndKey id;
      String source;
      if (t.keyStore().isPresent()) {
        id = readPkcs12(t.keyStore().get(), t.keyStorePassword());
        source = t.keyStore().get().toString();
      } else if (t.certificate().isPresent()) {
        id = Certificates.readPem(t.certificate().get(), t.key().orElseThrow());
        source = t.certificate().get().toString();
      } else {
        Path dir = config.storagePath().resolve("tls");
        id = devCertificate(dir);
        source = "development certificate " + dir.resolve("dev-certificate.pem").toAbsolutePath().normalize();
      }
      List<X509Certificate> trusted = t.trustedCertificates().isPresent()
          ? Certificates.readCertificates(t.trustedCertificates().get()) : List.of();
      TlsSettings.ClientAuth auth = TlsSettings.ClientAuth.valueOf(t.dicomClientAuth().toUpperCase(Locale.ROOT));
      TlsContext dicom = TlsContext.of(id, trusted, TlsSettings.defaults().withClientAuth(auth));
      TlsContext https = TlsContext.of(id, List.of(), TlsSettings.defaults());
      NodeTls tls = new NodeTls(id, dicom, https, source);
      LOG.info("TLS certificate subject=\"{}\" notAfter={} sha256={} source={}", id.certificate().getSubjectX500Principal(),
          id.certificate().getNotAfter().toInstant(), tls.fingerprint(), source);
      return tls;
    } catch (IOException e) {
      throw new ConfigurationException("TLS: " + e.getMessage() + " (check tls.certificate, tls.key, tls.keyStore, tls.trustedCertificates)", e);
    }
  }

  /** The development certificate in {@code dir}: generated on first use, reused afterwards until it expires. */
  static CertificateAndKey devCertificate(Path dir) throws IOException {
    Path cert = dir.resolve("dev-certificate.pem");
    Path key = dir.resolve("dev-key.pem");
    if (Files.exists(cert) && Files.exists(key)) {
      CertificateAndKey existing = Certificates.readPem(cert, key);
      if (existing.certificate().getNotAfter().toInstant().isAfter(java.time.Instant.now().plus(Duration.ofDays(1)))) {
        return existing;
      }
      LOG.info("development certificate {} expires within a day: generating a new one", cert);
    }
    Files.createDirectories(dir);
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!names.contains(host)) {
        names.add(1, host);
      }
    } catch (IOException e) {
      // no host name: localhost and the loopback addresses will do
    }
    CertificateAndKey generated = Certificates.selfSigned(names, DEV_VALIDITY);
    generated.writePem(cert, key);
    LOG.info("generated a self-signed development certificate {} for {}", cert, names);
    return generated;
  }

  /** The first key entry of a PKCS#12 file, with its chain. */
  static CertificateAndKey readPkcs12(Path file, String password) throws IOException {
    char[] pw = password.toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try {
        ks.load(in, pw);
      } catch (IOException e) {
        throw new IOException(file + ": cannot read the PKCS#12 key store: " + e.getMessage() + " (check tls.keyStorePassword)", e);
      }
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          PrivateKey k = (PrivateKey) ks.getKey(alias, pw);
          Certificate[] chain = ks.getCertificateChain(alias);
          return new CertificateAndKey(Arrays.stream(chain).map(c -> (X509Certificate) c).toList(), k);
        }
      }
      throw new IOException(file + ": no private key entry");
    } catch (GeneralSecurityException e) {
      // The message names the problem (wrong password, bad format), never the password.
      throw new IOException(file + ": cannot read the PKCS#12 key store: " + e.getMessage(), e);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  /** SHA-256 of the certificate, as {@code AB:CD:…}, to compare with what a browser or peer shows. */
  String fingerprint() {
    return fingerprint(identity.certificate());
  }

  static String fingerprint(X509Certificate c) {
    try {
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String source() {
    return source;
  }

  CertificateAndKey identity() {
    return identity;
  }

  /** DICOM TLS for the server: our certificate, the peers' CAs, the client-certificate policy. */
  SecureTransport dicom() {
    return new SecureTransport(dicom.context(), dicom.parameters(), false);
  }

  /**
   * DICOM TLS for the associations this node opens to C-MOVE destinations marked {@code /tls}: our
   * certificate as the client certificate; the peer's certificate checked against {@code
   * tls.trustedCertificates} (or the JDK's CAs when none are set) and its host name.
   */
  SecureTransport dicomClient() {
    return new SecureTransport(dicom.context(), dicom.parameters(), true);
  }

  /** The HTTPS context (no client certificates). */
  TlsContext https() {
    return https;
  }
}
