package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.security.tls.CertificateAndKey;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;
import org.linnea.security.tls.TlsSettings;

/**
 * {@code security.syslog.*}: a node forwards its audit records over TLS to the configured
 * collector (here a TLS socket of the test, with its own certificate as the CA file); the real
 * rsyslog is in linnea-security's RsyslogForwardingTest.
 */
class SyslogWiringTest {
  @TempDir Path dir;

  @Test
  void theNodeForwardsItsAuditRecordsOverTls() throws Exception {
    CertificateAndKey cert = Certificates.selfSigned(List.of("127.0.0.1", "localhost"), Duration.ofDays(1));
    cert.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    TlsContext server = TlsContext.of(cert, List.of(), TlsSettings.defaults());
    try (SSLServerSocket ss = server.serverSocket(InetAddress.getLoopbackAddress(), 0, 5)) {
      CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
        try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          byte[] buf = new byte[8192];
          int n;
          // Until the stop record (110121) has come: the node sends start, the initial account, the stop.
          while ((n = in.read(buf)) > 0) {
            b.write(buf, 0, n);
            if (b.toString(StandardCharsets.UTF_8).contains("110121")) break;
          }
          return b.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_HTTP_PORT", "0",
          "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_DICOM_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1",
          "LINNEA_SECURITY_SYSLOG_HOST", "127.0.0.1", "LINNEA_SECURITY_SYSLOG_PORT", Integer.toString(ss.getLocalPort()),
          "LINNEA_SECURITY_SYSLOG_CA_FILE", dir.resolve("cert.pem").toString()));
      try (Node node = Node.start(c)) {
        assertThat(new Http(node).postLogin("nobody", "wrong password here").statusCode()).isEqualTo(401);
      }
      String got = received.get(60, TimeUnit.SECONDS);
      assertThat(got).contains("IHE+RFC-3881").contains("[linnea@32473 seq=\"1\" hash=\"").contains("110120").contains("110114").contains("nobody")
          .contains("110121");
      assertThat(got).doesNotContain("wrong password here");
    }
  }
}
