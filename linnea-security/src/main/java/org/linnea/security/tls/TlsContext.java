package org.linnea.security.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} with Linnea's TLS settings applied to every socket and engine it makes.
 *
 * <p>An {@code SSLContext} alone does not restrict protocols or suites: the restriction is applied
 * to each socket or engine. Always make them through {@link #serverSocket}, {@link #socket} or
 * {@link #configure}, or take {@link #parameters()} — never {@code context().getServerSocketFactory()}
 * directly (that would offer the JDK's defaults).
 */
public final class TlsContext {

  private final SSLContext context;
  private final TlsSettings settings;
  private final String[] suites;

  private TlsContext(SSLContext context, TlsSettings settings) {
    this.context = context;
    this.settings = settings;
    this.suites = settings.supportedSuites(context);
  }

  /**
   * A context for a server (or a client with a certificate): our chain and key, and the
   * certificates whose holders we trust as peers (client certificates, or servers we call).
   *
   * @param own our certificate and key; null for a client without a certificate
   * @param trusted trust anchors; empty for the JDK's default CAs
   */
  public static TlsContext of(CertificateAndKey own, List<X509Certificate> trusted, TlsSettings settings) {
    Objects.requireNonNull(settings, "settings");
    try {
      KeyManagerFactory kmf = null;
      if (own != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = new char[0];
        ks.setKeyEntry("linnea", own.key(), pw, own.chain().toArray(X509Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (trusted.isEmpty()) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate c : trusted) {
          ts.setCertificateEntry("trusted-" + i++, c);
        }
        tmf.init(ts);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return new TlsContext(ctx, settings);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /** A server context from PEM files; {@code trustedClientCas} may be null (no client certificates checked). */
  public static TlsContext fromPem(
      java.nio.file.Path certificateFile, java.nio.file.Path keyFile, java.nio.file.Path trustedClientCas,
      TlsSettings settings) throws IOException {
    CertificateAndKey own = Certificates.readPem(certificateFile, keyFile);
    List<X509Certificate> trusted = trustedClientCas == null ? List.of() : Certificates.readCertificates(trustedClientCas);
    return of(own, trusted, settings);
  }

  /** A server context with a freshly generated self-signed development certificate. */
  public static TlsContext selfSigned(List<String> names, TlsSettings settings) {
    return of(Certificates.selfSigned(names, java.time.Duration.ofDays(365)), List.of(), settings);
  }

  /** A client context trusting exactly these certificates (and offering {@code own} if not null). */
  public static TlsContext client(List<X509Certificate> trusted, CertificateAndKey own) {
    return of(own, trusted, TlsSettings.defaults());
  }

  public SSLContext context() {
    return context;
  }

  public TlsSettings settings() {
    return settings;
  }

  /** The SSL parameters: protocols, suites, server's suite order, client auth. */
  public SSLParameters parameters() {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(settings.protocols().toArray(String[]::new));
    p.setCipherSuites(suites.clone());
    p.setUseCipherSuitesOrder(true);
    switch (settings.clientAuth()) {
      case NEED -> p.setNeedClientAuth(true);
      case WANT -> p.setWantClientAuth(true);
      case NONE -> {
        p.setNeedClientAuth(false);
        p.setWantClientAuth(false);
      }
    }
    return p;
  }

  /** A listening server socket on {@code address:port} (port 0 for any free one). */
  public SSLServerSocket serverSocket(InetAddress address, int port, int backlog) throws IOException {
    SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    s.setSSLParameters(parameters());
    s.bind(new InetSocketAddress(address, port), backlog);
    return s;
  }

  /** A connected client socket to {@code host:port}, with host name verification. */
  public SSLSocket socket(String host, int port, int connectTimeoutMillis) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
    SSLParameters p = parameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setNeedClientAuth(false);
    p.setWantClientAuth(false);
    s.setSSLParameters(p);
    s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
    return s;
  }

  /** Applies the settings to an engine (for non-blocking servers such as Jetty or the DICOM acceptor). */
  public SSLEngine configure(SSLEngine engine) {
    SSLParameters p = parameters();
    if (engine.getUseClientMode()) {
      p.setNeedClientAuth(false);
      p.setWantClientAuth(false);
    }
    engine.setSSLParameters(p);
    return engine;
  }
}
