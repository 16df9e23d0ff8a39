package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.app.config.ConfigurationException;
import org.linnea.dicom.Tag;
import org.linnea.index.Level;
import org.linnea.index.Query;
import org.linnea.security.tls.CertificateAndKey;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;

/**
 * A node with TLS: HTTPS (curl and the JDK's HttpClient), DICOM TLS (DCMTK and {@code linnea echo|send
 * --tls}), the development certificate kept and reused, PEM and PKCS#12 certificates, required
 * client certificates, and refusal of TLS 1.1. Certificates are generated for the run.
 */
class TlsNodeTest {
  @TempDir Path dir;

  Configuration config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_HTTP_PORT", "0",
        "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_DICOM_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1",
        "LINNEA_DICOM_TLS_PORT", "0", "LINNEA_HTTP_TLS_PORT", "0"));
    env.putAll(extra);
    return Configuration.load(Optional.empty(), env);
  }

  static HttpClient https(X509Certificate trusted) {
    SSLContext ctx = TlsContext.client(List.of(trusted), null).context();
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(30)).build();
  }

  static Tools.Result curl(String... args) throws Exception {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "curl";
    cmd[1] = "-sS";
    cmd[2] = "-m60";
    System.arraycopy(args, 0, cmd, 3, args.length);
    return Tools.run(cmd);
  }

  @Test
  void devCertificateServesHttpsAndDicomTlsAndIsReused() throws Exception {
    Path cert = dir.resolve("data/tls/dev-certificate.pem");
    String fingerprint;
    try (Node node = Node.start(config(Map.of("LINNEA_HTTP_PLAIN", "redirect")).withDevTls())) {
      assertThat(cert).exists();
      assertThat(dir.resolve("data/tls/dev-key.pem")).exists();
      fingerprint = node.tls().fingerprint();
      X509Certificate devCert = Certificates.readCertificates(cert).get(0);
      String https = "https://127.0.0.1:" + node.httpsPort();

      HttpResponse<String> h = https(devCert).send(HttpRequest.newBuilder(URI.create(https + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(h.statusCode()).isEqualTo(200);
      assertThat(h.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(h.body()).contains("\"status\" : \"UP\"");

      Tools.Result ok = curl("--cacert", cert.toString(), "https://localhost:" + node.httpsPort() + "/health", "-w", "\n%{http_code} %{ssl_verify_result}");
      assertThat(ok.output()).endsWith("200 0").contains("\"UP\"");
      Tools.Result untrusted = curl("https://localhost:" + node.httpsPort() + "/health");
      assertThat(untrusted.exitCode()).as(untrusted.output()).isEqualTo(60); // peer certificate cannot be authenticated
      Tools.Result tls12 = curl("--cacert", cert.toString(), "--tlsv1.2", "--tls-max", "1.2", "https://localhost:" + node.httpsPort() + "/health",
          "-w", "\n%{http_code}");
      assertThat(tls12.output()).endsWith("200");
      // TLS 1.1: OpenSSL would not even offer it at its default security level; level 0 makes curl try.
      Tools.Result old = curl("-v", "--cacert", cert.toString(), "--tlsv1.1", "--tls-max", "1.1", "--ciphers", "DEFAULT@SECLEVEL=0",
          "https://localhost:" + node.httpsPort() + "/health");
      assertThat(old.exitCode()).as(old.output()).isEqualTo(35);
      assertThat(old.output()).contains("TLSv1.1 (OUT), TLS handshake, Client hello").containsIgnoringCase("alert protocol version");

      // The plain port redirects to HTTPS.
      HttpResponse<String> plain = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(plain.statusCode()).isBetween(301, 308);
      assertThat(plain.headers().firstValue("location")).hasValue(https + "/health");

      // DICOM TLS: DCMTK and linnea echo.
      String tlsPort = Integer.toString(node.dicomTlsPort());
      Tools.Result echoscu = Tools.run("echoscu", "-aec", "LINNEA", "+tla", "+cf", cert.toString(), "127.0.0.1", tlsPort);
      assertThat(echoscu.exitCode()).as(echoscu.output()).isZero();
      NetCommandsTest.Run echo = NetCommandsTest.linnea("echo", "--tls-ca", cert.toString(), "--aec", "LINNEA", "127.0.0.1", tlsPort);
      assertThat(echo.code()).as(echo.err()).isZero();
      NetCommandsTest.Run noCa = NetCommandsTest.linnea("echo", "--tls", "--aec", "LINNEA", "127.0.0.1", tlsPort);
      assertThat(noCa.code()).isNotZero();
      assertThat(noCa.err()).contains("TLS handshake with 127.0.0.1:" + tlsPort + " failed").contains("--tls-ca");
      // The plain DICOM port still speaks plain DICOM.
      assertThat(Tools.run("echoscu", "-aec", "LINNEA", "127.0.0.1", Integer.toString(node.dicomPort())).exitCode()).isZero();
    }
    try (Node node = Node.start(config(Map.of("LINNEA_TLS_DEV", "true")))) {
      assertThat(node.tls().fingerprint()).isEqualTo(fingerprint);
      assertThat(node.httpPort()).isPositive(); // http.plain: serve, the default
    }
  }

  @Test
  void pemCertificateWithRequiredClientCertificates() throws Exception {
    CertificateAndKey server = Certificates.selfSigned(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
    CertificateAndKey client = Certificates.selfSigned(List.of("modality"), Duration.ofDays(1));
    server.writePem(dir.resolve("server.pem"), dir.resolve("server.key"));
    client.writePem(dir.resolve("client.pem"), dir.resolve("client.key"));
    String serverPem = dir.resolve("server.pem").toString();
    String clientPem = dir.resolve("client.pem").toString();
    String clientKey = dir.resolve("client.key").toString();
    Configuration c = config(Map.of("LINNEA_TLS_CERTIFICATE", serverPem, "LINNEA_TLS_KEY", dir.resolve("server.key").toString(),
        "LINNEA_TLS_TRUSTED_CERTIFICATES", clientPem, "LINNEA_HTTP_PLAIN", "off"));
    assertThat(c.tls().dicomClientAuth()).isEqualTo("NEED");
    try (Node node = Node.start(c)) {
      assertThat(node.httpPort()).isEqualTo(-1);
      String tlsPort = Integer.toString(node.dicomTlsPort());
      Tools.Result dcmtk = Tools.run("echoscu", "-aec", "LINNEA", "+tls", clientKey, clientPem, "+cf", serverPem, "127.0.0.1", tlsPort);
      assertThat(dcmtk.exitCode()).as(dcmtk.output()).isZero();
      Tools.Result anonymous = Tools.run("echoscu", "-aec", "LINNEA", "+tla", "+cf", serverPem, "127.0.0.1", tlsPort);
      assertThat(anonymous.exitCode()).as(anonymous.output()).isNotZero();
      NetCommandsTest.Run without = NetCommandsTest.linnea("echo", "--tls-ca", serverPem, "--aec", "LINNEA", "127.0.0.1", tlsPort);
      assertThat(without.code()).isNotZero();
      assertThat(without.err()).contains("certificate_required");

      Path file = Tools.ct(Files.createDirectories(dir.resolve("in")), "TLS1", "Tls^Patient", "1.2.826.0.1.3680043.9.7433.1.1", "20240101",
          "1.2.826.0.1.3680043.9.7433.1.2", "CT", 1, 7);
      NetCommandsTest.Run send = NetCommandsTest.linnea("send", "--tls-ca", serverPem, "--tls-cert", clientPem, "--tls-key", clientKey,
          "--aec", "LINNEA", "127.0.0.1", tlsPort, file.toString());
      assertThat(send.code()).as(send.out() + send.err()).isZero();
      assertThat(send.out()).contains("sent 1, warnings 0, failed 0");
      assertThat(node.archive().query().query(Query.of(Level.IMAGE, 1).returning(Tag.SOPInstanceUID))).hasSize(1);
      NetCommandsTest.Run halfKey = NetCommandsTest.linnea("echo", "--tls-cert", clientPem, "--aec", "LINNEA", "127.0.0.1", tlsPort);
      assertThat(halfKey.err()).contains("--tls-cert and --tls-key go together");
    }
  }

  /**
   * A C-MOVE destination marked {@code /tls} is reached over DICOM TLS: DCMTK's storescp accepts
   * only TLS and requires the node's client certificate; the node checks storescp's certificate
   * against tls.trustedCertificates.
   */
  @Test
  void moveToDestinationReachedOverTls() throws Exception {
    CertificateAndKey nodeId = Certificates.selfSigned(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
    CertificateAndKey scpId = Certificates.selfSigned(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
    nodeId.writePem(dir.resolve("node.pem"), dir.resolve("node.key"));
    scpId.writePem(dir.resolve("scp.pem"), dir.resolve("scp.key"));
    int scpPort = Tools.freePort();
    Configuration c = config(Map.of("LINNEA_TLS_CERTIFICATE", dir.resolve("node.pem").toString(), "LINNEA_TLS_KEY", dir.resolve("node.key").toString(),
        "LINNEA_TLS_TRUSTED_CERTIFICATES", dir.resolve("scp.pem").toString(), "LINNEA_DICOM_TLS_CLIENT_AUTH", "WANT",
        "LINNEA_REMOTE_AES", "TLSDEST@127.0.0.1:" + scpPort + "/tls"));
    assertThat(c.remoteAes()).containsExactly(new Configuration.RemoteAe("TLSDEST", "127.0.0.1", scpPort, true));
    Path received = Files.createDirectories(dir.resolve("moved"));
    Process scp = new ProcessBuilder("storescp", "-aet", "TLSDEST", "+tls", dir.resolve("scp.key").toString(), dir.resolve("scp.pem").toString(),
        "-rc", "+cf", dir.resolve("node.pem").toString(), "-od", received.toString(), Integer.toString(scpPort))
        .redirectErrorStream(true).redirectOutput(dir.resolve("storescp.log").toFile()).start();
    try (Node node = Node.start(c)) {
      Path file = Tools.ct(Files.createDirectories(dir.resolve("in")), "TLSMOVE", "Move^Tls", "1.2.826.0.1.3680043.9.7433.2.1", "20240102",
          "1.2.826.0.1.3680043.9.7433.2.2", "CT", 1, 11);
      String port = Integer.toString(node.dicomPort());
      Tools.Result store = Tools.run("storescu", "-aec", "LINNEA", "127.0.0.1", port, file.toString());
      assertThat(store.exitCode()).as(store.output()).isZero();
      Tools.waitForPort(scpPort);
      Tools.Result move = Tools.run("movescu", "-S", "-aet", "TESTSCU", "-aec", "LINNEA", "-aem", "TLSDEST", "-k", "QueryRetrieveLevel=STUDY",
          "-k", "StudyInstanceUID=1.2.826.0.1.3680043.9.7433.2.1", "127.0.0.1", port);
      assertThat(move.exitCode()).as(move.output()).isZero();
      try (var files = Files.list(received)) {
        List<Path> got = files.toList();
        assertThat(got).as(Files.readString(dir.resolve("storescp.log"))).hasSize(1);
        assertThat(Tools.dataSetBytes(got.get(0))).isEqualTo(Tools.dataSetBytes(file));
      }
    } finally {
      scp.destroy();
      scp.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void pkcs12KeyStoreAndSecretsKeptOutOfSight() throws Exception {
    CertificateAndKey server = Certificates.selfSigned(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("node", server.key(), "s3cret-pw".toCharArray(), new X509Certificate[] {server.certificate()});
    Path p12 = dir.resolve("node.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      ks.store(out, "s3cret-pw".toCharArray());
    }
    Configuration c = config(Map.of("LINNEA_TLS_KEY_STORE", p12.toString(), "LINNEA_TLS_KEY_STORE_PASSWORD", "s3cret-pw"));
    assertThat(c.toString()).doesNotContain("s3cret-pw").contains("password hidden");
    try (Node node = Node.start(c)) {
      HttpResponse<String> h = https(server.certificate()).send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + node.httpsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(h.statusCode()).isEqualTo(200);
    }
    Configuration wrong = config(Map.of("LINNEA_TLS_KEY_STORE", p12.toString(), "LINNEA_TLS_KEY_STORE_PASSWORD", "Zq-9xx"));
    assertThatThrownBy(() -> Node.start(wrong)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(p12.toString()).hasMessageNotContaining("Zq-9xx");
  }

  @Test
  void inconsistentTlsSettingsAreConfigurationErrors() {
    assertThatThrownBy(() -> config(Map.of("LINNEA_TLS_CERTIFICATE", "/x.pem"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("tls.key");
    assertThatThrownBy(() -> Node.start(config(Map.of("LINNEA_HTTP_PLAIN", "redirect")))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("needs HTTPS");
    assertThatThrownBy(() -> config(Map.of("LINNEA_DICOM_TLS_CLIENT_AUTH", "need"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("tls.trustedCertificates");
    assertThatThrownBy(() -> config(Map.of("LINNEA_DICOM_TLS_CLIENT_AUTH", "maybe"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("NONE, WANT or NEED");
    assertThat(config(Map.of()).tls().enabled()).isFalse();
    assertThat(config(Map.of("LINNEA_DICOM_TLS_PORT", "off", "LINNEA_TLS_DEV", "yes")).tls().dicomTlsPort()).isEqualTo(-1);
  }
}
