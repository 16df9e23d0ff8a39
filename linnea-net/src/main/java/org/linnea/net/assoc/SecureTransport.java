package org.linnea.net.assoc;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS for DICOM connections (PS3.15 Annex B, the BCP 195 secure transport connection profiles):
 * a JDK {@link SSLContext} (our certificate and key, the peers' trusted CAs) and the
 * {@link SSLParameters} to apply to every connection (protocols, cipher suites, client
 * certificates).
 *
 * <p>This module does not choose protocols or suites: the caller does (linnea-security's {@code
 * TlsContext} gives TLS 1.3 and 1.2 with forward-secret AEAD suites only). The parameters are copied
 * onto each socket, so one instance serves any number of connections.
 *
 * @param context the TLS context
 * @param parameters protocols, suites and, for a server, whether client certificates are wanted or
 *     needed
 * @param verifyHostName for a client: whether the server's certificate must name the host
 *     connected to (as HTTPS does). DICOM peers are often reached by IP address with certificates
 *     that do not name it, so this is a choice of the operator.
 */
public record SecureTransport(SSLContext context, SSLParameters parameters, boolean verifyHostName) {

  public SecureTransport {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(parameters, "parameters");
  }

  /** Layers a server-side TLS socket over an accepted connection; the handshake has not started. */
  SSLSocket serverSide(Socket accepted) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
    s.setUseClientMode(false);
    s.setSSLParameters(copy(false));
    return s;
  }

  /** Layers a client-side TLS socket over a connection to {@code host:port}; not yet handshaken. */
  SSLSocket clientSide(Socket connected, String host, int port) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
    s.setUseClientMode(true);
    s.setSSLParameters(copy(true));
    return s;
  }

  private SSLParameters copy(boolean client) {
    SSLParameters p = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
    p.setUseCipherSuitesOrder(parameters.getUseCipherSuitesOrder());
    if (client) {
      if (verifyHostName) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
      }
    } else if (parameters.getNeedClientAuth()) {
      p.setNeedClientAuth(true);
    } else if (parameters.getWantClientAuth()) {
      p.setWantClientAuth(true);
    }
    if (parameters.getNamedGroups() != null) {
      p.setNamedGroups(parameters.getNamedGroups());
    }
    if (parameters.getSignatureSchemes() != null) {
      p.setSignatureSchemes(parameters.getSignatureSchemes());
    }
    return p;
  }
}
