package org.linnea.app;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.assoc.SecureTransport;
import org.linnea.net.dimse.DicomClient;
import org.linnea.security.tls.CertificateAndKey;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by the network commands: peer, AE titles, timeouts, TLS. */
final class NetOptions {
  @Parameters(index = "0", paramLabel = "HOST", description = "Host name or address of the DICOM peer.")
  String host;

  @Parameters(index = "1", paramLabel = "PORT", description = "TCP port of the DICOM peer (often 104 or 11112).")
  int port;

  @Option(names = "--aet", defaultValue = "LINNEA", description = "Our (calling) AE title. Default: ${DEFAULT-VALUE}.")
  String callingAe;

  @Option(names = "--aec", defaultValue = "ANY-SCP", description = "The peer's (called) AE title. Default: ${DEFAULT-VALUE}.")
  String calledAe;

  @Option(names = "--connect-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "TCP connect timeout. Default: ${DEFAULT-VALUE} s.")
  int connectTimeout;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "Give up when the peer sends nothing for this long (ARTIM and idle timeout). Default: ${DEFAULT-VALUE} s.")
  int timeout;

  @Option(names = "--max-pdu", defaultValue = "65536", paramLabel = "BYTES", description = "Maximum PDU length we receive. Default: ${DEFAULT-VALUE}.")
  int maxPdu;

  @Option(names = "--tls", description = "Connect with TLS (DICOM TLS, PS3.15 Annex B; TLS 1.3/1.2). Implied by the other --tls-* options.")
  boolean tls;

  @Option(names = "--tls-ca", paramLabel = "FILE",
      description = "PEM certificates (CAs, or the peer's own) to trust for the peer's certificate. Default: the JDK's CAs.")
  Path tlsCa;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Our client certificate chain (PEM), for peers that require one; with --tls-key.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "The private key (PEM, unencrypted) of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-no-host-check",
      description = "Do not require the peer's certificate to name HOST (for peers whose certificates do not name their address).")
  boolean tlsNoHostCheck;

  /** A client with these settings and, if asked for, TLS. */
  DicomClient client() throws IOException {
    return new DicomClient(settings(), secureTransport());
  }

  /** The TLS of the options; null for plain TCP. */
  SecureTransport secureTransport() throws IOException {
    if (!tls && tlsCa == null && tlsCert == null && tlsKey == null) {
      return null;
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both, or neither");
    }
    List<X509Certificate> trusted = tlsCa == null ? List.of() : Certificates.readCertificates(tlsCa);
    CertificateAndKey own = tlsCert == null ? null : Certificates.readPem(tlsCert, tlsKey);
    TlsContext c = TlsContext.client(trusted, own);
    return new SecureTransport(c.context(), c.parameters(), !tlsNoHostCheck);
  }

  AssociationSettings settings() {
    Duration t = Duration.ofSeconds(timeout);
    return AssociationSettings.defaults()
        .withConnectTimeout(Duration.ofSeconds(connectTimeout))
        .withTimeouts(t, t, t, t)
        .withMaxPduLength(maxPdu, 0);
  }

  String peer() {
    return host + ":" + port;
  }
}
