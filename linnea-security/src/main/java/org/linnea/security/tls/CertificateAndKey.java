package org.linnea.security.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate chain (leaf first) and its private key.
 *
 * @param chain the certificates, leaf first
 * @param key the leaf's private key
 */
public record CertificateAndKey(List<X509Certificate> chain, PrivateKey key) {

  public CertificateAndKey {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain");
    }
    Objects.requireNonNull(key, "key");
  }

  /** The leaf certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Writes the chain and the key (PKCS#8, owner-readable only) as PEM files. */
  public void writePem(Path certificateFile, Path keyFile) throws IOException {
    Files.writeString(certificateFile, pem(chain.toArray()), StandardCharsets.US_ASCII);
    Files.deleteIfExists(keyFile);
    Files.createFile(keyFile);
    try {
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: the folder must protect it
    }
    Files.writeString(keyFile, pem(new PemObject("PRIVATE KEY", pkcs8())), StandardCharsets.US_ASCII);
  }

  /**
   * The key as PKCS#8. For EC keys the inner SEC 1 structure carries the public key too: the JDK
   * leaves it out, and GnuTLS (rsyslog's TLS) refuses such a key ("ASN1 parser: Element was not
   * found").
   */
  byte[] pkcs8() throws IOException {
    if (key instanceof ECPrivateKey ec && certificate().getPublicKey() instanceof ECPublicKey pub) {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pub.getEncoded());
      int bits = ec.getParams().getOrder().bitLength();
      var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(bits, ec.getS(), spki.getPublicKeyData(), null);
      return new PrivateKeyInfo(spki.getAlgorithm(), sec1).getEncoded();
    }
    return key.getEncoded();
  }

  static String pem(Object... objects) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      for (Object o : objects) {
        pw.writeObject(o);
      }
    }
    return w.toString();
  }

  @Override
  public String toString() {
    return "CertificateAndKey[" + certificate().getSubjectX500Principal() + ", key=(hidden)]";
  }
}
