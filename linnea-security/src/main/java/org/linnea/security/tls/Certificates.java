package org.linnea.security.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates: reading PEM files, and generating a self-signed development certificate.
 *
 * <p>The development certificate is for a first start and for tests: an EC P-256 key, valid from
 * an hour ago for the given time, with the given host names and IP addresses as subject
 * alternative names, usable for TLS servers and clients. Browsers and peers will not trust it
 * until told to; production uses certificates from a real CA via {@link #readPem}.
 */
public final class Certificates {

  private Certificates() {}

  /** A self-signed certificate for {@code names} (DNS names or IP literals; the first is the CN). */
  public static CertificateAndKey selfSigned(List<String> names, Duration validity) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("at least one name");
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      X500Name subject = new X500Name("CN=" + names.get(0).replaceAll("[,=+<>#;\"\\\\]", "_") + ",O=Linnea development");
      Instant now = Instant.now();
      BigInteger serial = new BigInteger(127, new SecureRandom());
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          subject, serial, Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)),
          subject, kp.getPublic());
      List<GeneralName> sans = new ArrayList<>();
      for (String n : names) {
        sans.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
      return new CertificateAndKey(List.of(cert), kp.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate a development certificate", e);
    }
  }

  private static boolean isIp(String n) {
    if (!n.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      InetAddress.getByName(n);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The certificates of a PEM file, in file order. */
  public static List<X509Certificate> readCertificates(Path pem) throws IOException {
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c : f.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IOException(pem + ": no certificate");
      }
      return out;
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(pem + ": " + e.getMessage(), e);
    }
  }

  /** The private key of a PEM file: PKCS#8 ("PRIVATE KEY"), or "RSA/EC PRIVATE KEY". Unencrypted. */
  public static PrivateKey readPrivateKey(Path pem) throws IOException {
    try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return conv.getKeyPair(pair).getPrivate();
      }
      // Never echo the file's content: it is a key.
      throw new IOException(pem + ": no unencrypted private key (found "
          + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
    }
  }

  /** A certificate chain and key from PEM files. */
  public static CertificateAndKey readPem(Path certificateFile, Path keyFile) throws IOException {
    return new CertificateAndKey(readCertificates(certificateFile), readPrivateKey(keyFile));
  }
}
