package org.linnea.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextTest {

  static final CertificateAndKey SERVER = Certificates.selfSigned(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
  final ExecutorService exec = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    exec.shutdownNow();
  }

  /** Accepts connections, handshakes, echoes one byte; returns the negotiated protocol. */
  private Future<String> serveOnce(SSLServerSocket ss) {
    return exec.submit(() -> {
      try (SSLSocket s = (SSLSocket) ss.accept()) {
        s.setSoTimeout(5000);
        s.startHandshake();
        int b = s.getInputStream().read();
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        return s.getSession().getProtocol();
      }
    });
  }

  @Test
  void tls13And12AreAccepted() throws Exception {
    TlsContext server = TlsContext.of(SERVER, List.of(), TlsSettings.defaults());
    for (String proto : List.of("TLSv1.3", "TLSv1.2")) {
      try (SSLServerSocket ss = server.serverSocket(InetAddress.getLoopbackAddress(), 0, 5)) {
        assertThat(ss.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        Future<String> f = serveOnce(ss);
        TlsContext client = TlsContext.of(null, SERVER.chain(),
            new TlsSettings(List.of(proto), TlsSettings.CIPHER_SUITES, TlsSettings.ClientAuth.NONE));
        try (SSLSocket c = client.socket("localhost", ss.getLocalPort(), 2000)) {
          c.getOutputStream().write(42);
          assertThat(c.getInputStream().read()).isEqualTo(42);
          assertThat(c.getSession().getProtocol()).isEqualTo(proto);
          assertThat(TlsSettings.CIPHER_SUITES).contains(c.getSession().getCipherSuite());
        }
        assertThat(f.get()).isEqualTo(proto);
      }
    }
  }

  /**
   * A TLS 1.1 client is refused. The JDK's own client will not even offer TLS 1.1 (it is disabled
   * in java.security), so the test speaks the ClientHello itself, byte by byte, and expects an
   * alert instead of a ServerHello.
   */
  @Test
  void tls11And10ClientsAreRefused() throws Exception {
    TlsContext server = TlsContext.of(SERVER, List.of(), TlsSettings.defaults());
    for (int minor : new int[] {2, 1}) {
      try (SSLServerSocket ss = server.serverSocket(InetAddress.getLoopbackAddress(), 0, 5)) {
        Future<String> f = serveOnce(ss);
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
          c.setSoTimeout(5000);
          OutputStream out = c.getOutputStream();
          out.write(clientHello(minor));
          out.flush();
          DataInputStream in = new DataInputStream(c.getInputStream());
          int contentType = in.read();
          assertThat(contentType).as("TLS record type: 21 alert, 22 handshake").isEqualTo(21);
          in.readUnsignedShort();
          int len = in.readUnsignedShort();
          byte[] alert = new byte[len];
          in.readFully(alert);
          assertThat(alert[0]).as("fatal").isEqualTo((byte) 2);
          assertThat(alert[1] & 0xff).as("protocol_version (70) or handshake_failure (40)").isIn(70, 40);
        }
        assertThat(f).failsWithin(Duration.ofSeconds(5));
      }
    }
  }

  /** A ClientHello of TLS 1.{minor-1} (0x0302 = TLS 1.1) with CBC suites and no extensions. */
  static byte[] clientHello(int minor) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(3);
    body.write(minor);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.write(random);
    body.write(0); // session id
    int[] suites = {0xC013, 0xC014, 0x002F, 0x0035};
    body.write(0);
    body.write(suites.length * 2);
    for (int s : suites) {
      body.write(s >> 8);
      body.write(s & 0xff);
    }
    body.write(1); // compression methods
    body.write(0);
    byte[] b = body.toByteArray();
    ByteArrayOutputStream hs = new ByteArrayOutputStream();
    hs.write(1); // client_hello
    hs.write(0);
    hs.write(b.length >> 8);
    hs.write(b.length & 0xff);
    hs.write(b);
    byte[] h = hs.toByteArray();
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    rec.write(22);
    rec.write(3);
    rec.write(1);
    rec.write(h.length >> 8);
    rec.write(h.length & 0xff);
    rec.write(h);
    return rec.toByteArray();
  }

  @Test
  void clientCertificateRequired() throws Exception {
    CertificateAndKey clientCert = Certificates.selfSigned(List.of("modality-1"), Duration.ofDays(1));
    TlsContext server = TlsContext.of(SERVER, clientCert.chain(),
        TlsSettings.defaults().withClientAuth(TlsSettings.ClientAuth.NEED));
    try (SSLServerSocket ss = server.serverSocket(InetAddress.getLoopbackAddress(), 0, 5)) {
      assertThat(ss.getNeedClientAuth()).isTrue();
      Future<String> f = serveOnce(ss);
      try (SSLSocket c = TlsContext.client(SERVER.chain(), clientCert).socket("127.0.0.1", ss.getLocalPort(), 2000)) {
        c.getOutputStream().write(7);
        assertThat(c.getInputStream().read()).isEqualTo(7);
      }
      f.get();
      Future<String> refused = serveOnce(ss);
      assertThatThrownBy(() -> {
        try (SSLSocket c = TlsContext.client(SERVER.chain(), null).socket("127.0.0.1", ss.getLocalPort(), 2000)) {
          c.getOutputStream().write(7);
          InputStream in = c.getInputStream();
          if (in.read() < 0) {
            throw new IOException("closed");
          }
        }
      }).isInstanceOf(IOException.class);
      assertThat(refused).failsWithin(Duration.ofSeconds(5));
    }
  }

  @Test
  void pemRoundTripAndProtocolsRestricted(@TempDir Path dir) throws Exception {
    SERVER.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    assertThat(java.nio.file.Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    TlsContext ctx = TlsContext.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem"), null, TlsSettings.defaults());
    assertThat(ctx.parameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(ctx.parameters().getCipherSuites()).allMatch(s -> s.contains("GCM") || s.contains("CHACHA20"));
    assertThat(Certificates.readPem(dir.resolve("cert.pem"), dir.resolve("key.pem")).certificate())
        .isEqualTo(SERVER.certificate());
    assertThatThrownBy(() -> new TlsSettings(List.of("TLSv1.1"), TlsSettings.CIPHER_SUITES, TlsSettings.ClientAuth.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SERVER.toString()).doesNotContain("PRIVATE");
  }
}
