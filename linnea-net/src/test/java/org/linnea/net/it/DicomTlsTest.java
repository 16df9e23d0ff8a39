package org.linnea.net.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.UID;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.assoc.SecureTransport;
import org.linnea.net.pdu.PDataTF;
import org.linnea.net.pdu.PduCodec;
import org.linnea.net.dimse.Command;
import org.linnea.net.dimse.Dimse;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DicomServer;
import org.linnea.net.dimse.DicomServices;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.FileInstance;
import org.linnea.net.dimse.ServerConfig;
import org.linnea.net.dimse.Status;
import org.linnea.security.tls.CertificateAndKey;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;
import org.linnea.security.tls.TlsSettings;
import org.slf4j.LoggerFactory;

/**
 * DICOM TLS (PS3.15 Annex B, BCP 195 profiles) against DCMTK built with OpenSSL and OpenSSL's
 * s_client: a Linnea TLS server that requires client certificates, Linnea's TLS client against
 * {@code storescp +tls}, refusal of TLS 1.1 and of missing certificates, streaming of a large object.
 * Certificates are generated for the run (nothing committed that could expire).
 */
class DicomTlsTest {
  static Path tmp;
  static Path store;
  static CertificateAndKey serverCert;
  static CertificateAndKey dcmtkCert;
  static CertificateAndKey linneaClientCert;
  static CertificateAndKey strangerCert;
  static Path serverPem, serverKey, dcmtkPem, dcmtkKey, linneaPem, linneaKey, strangerPem, strangerKey;
  static DicomServer server;
  static final AtomicReference<String> bigHash = new AtomicReference<>();
  static final List<String> logs = new CopyOnWriteArrayList<>();
  static final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent e) {
      logs.add(e.getFormattedMessage());
    }
  };
  static final AssociationSettings SHORT = AssociationSettings.defaults()
      .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Dcmtk.cleanDir("target/it/tls");
    store = Files.createDirectories(tmp.resolve("store"));
    List<String> names = List.of("localhost", "127.0.0.1");
    serverCert = Certificates.selfSigned(names, Duration.ofDays(1));
    dcmtkCert = Certificates.selfSigned(List.of("dcmtk-client"), Duration.ofDays(1));
    linneaClientCert = Certificates.selfSigned(List.of("linnea-client"), Duration.ofDays(1));
    strangerCert = Certificates.selfSigned(List.of("stranger"), Duration.ofDays(1));
    serverPem = pem(serverCert, "server");
    serverKey = tmp.resolve("server.key");
    dcmtkPem = pem(dcmtkCert, "dcmtk");
    dcmtkKey = tmp.resolve("dcmtk.key");
    linneaPem = pem(linneaClientCert, "linnea");
    linneaKey = tmp.resolve("linnea.key");
    strangerPem = pem(strangerCert, "stranger");
    strangerKey = tmp.resolve("stranger.key");

    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    appender.start();
    TlsContext ctx = TlsContext.of(serverCert, List.of(dcmtkCert.certificate(), linneaClientCert.certificate()),
        TlsSettings.defaults().withClientAuth(TlsSettings.ClientAuth.NEED));
    TestArchive archive = new TestArchive(store);
    DicomServices services = new DicomServices().onStore((rq, in) -> {
      if (rq.sopInstanceUid().equals("1.2.3.4.5.6.7.8.9")) {
        bigHash.set(sha256(in));
      } else {
        archive.store(rq, in);
      }
    });
    server = new DicomServer(ServerConfig.of(0, "LINNEA").withAssociation(SHORT), services,
        new SecureTransport(ctx.context(), ctx.parameters(), false)).start();
  }

  /** Writes NAME.pem and NAME.key; returns the certificate's path. */
  static Path pem(CertificateAndKey c, String name) throws IOException {
    Path cert = tmp.resolve(name + ".pem");
    c.writePem(cert, tmp.resolve(name + ".key"));
    return cert;
  }

  @AfterAll
  static void tearDown() {
    server.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
  }

  static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] b = new byte[65536];
      for (int n; (n = in.read(b)) > 0; ) {
        md.update(b, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void check(Dcmtk.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  static String port() {
    return String.valueOf(server.port());
  }

  static DicomClient client(CertificateAndKey own, CertificateAndKey trusted) {
    TlsContext c = TlsContext.client(List.of(trusted.certificate()), own);
    return new DicomClient(SHORT, new SecureTransport(c.context(), c.parameters(), true));
  }

  static Path sample(String name) throws Exception {
    Path p = Files.createDirectories(tmp.resolve("in")).resolve(name + ".dcm");
    check(Dcmtk.run(30, "dcmconv", "+te", Dcmtk.TEST_FILES.resolve("CT_small.dcm").toString(), p.toString()));
    check(Dcmtk.run(30, "dcmodify", "-nb", "-gin", p.toString()));
    return p;
  }

  @Test
  void dcmtkEchoAndStoreOverTlsWithClientCertificate() throws Exception {
    check(Dcmtk.run(30, "echoscu", "-aec", "LINNEA", "+tls", dcmtkKey.toString(), dcmtkPem.toString(),
        "+cf", serverPem.toString(), "127.0.0.1", port()));
    Path file = sample("dcmtk-tls");
    check(Dcmtk.run(30, "storescu", "-aec", "LINNEA", "-xe", "+tls", dcmtkKey.toString(), dcmtkPem.toString(),
        "+cf", serverPem.toString(), "127.0.0.1", port(), file.toString()));
    FileInstance f = FileInstance.of(file);
    Path stored = store.resolve(f.sopInstanceUid() + ".dcm");
    assertThat(Dcmtk.dataSetBytes(stored)).isEqualTo(Dcmtk.dataSetBytes(file));
  }

  @Test
  void dcmtkRefusesOurServerWhenItDoesNotTrustOurCertificate() throws Exception {
    Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aec", "LINNEA", "+tls", dcmtkKey.toString(), dcmtkPem.toString(),
        "+cf", strangerPem.toString(), "127.0.0.1", port());
    assertThat(r.exitCode()).as(r.output()).isNotZero();
  }

  @Test
  void clientWithoutTrustedCertificateIsRefusedAndTheServerGoesOn() throws Exception {
    // DCMTK without a certificate, and with one the server does not trust.
    Dcmtk.Result anonymous = Dcmtk.run(30, "echoscu", "-aec", "LINNEA", "+tla", "+cf", serverPem.toString(), "127.0.0.1", port());
    assertThat(anonymous.exitCode()).as(anonymous.output()).isNotZero();
    Dcmtk.Result stranger = Dcmtk.run(30, "echoscu", "-aec", "LINNEA", "+tls", strangerKey.toString(), strangerPem.toString(),
        "+cf", serverPem.toString(), "127.0.0.1", port());
    assertThat(stranger.exitCode()).as(stranger.output()).isNotZero();
    // Linnea's client without a certificate (TLS 1.3: the refusal comes after the client's handshake).
    assertThatThrownBy(() -> {
      try (DimseAssociation as = client(null, serverCert).open("127.0.0.1", server.port(),
          DicomClient.request("LINNEA", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
        as.echo();
      }
    }).isInstanceOf(IOException.class);
    // Plain DICOM on the TLS port.
    Dcmtk.Result plain = Dcmtk.run(30, "echoscu", "-to", "5", "-aec", "LINNEA", "127.0.0.1", port());
    assertThat(plain.exitCode()).as(plain.output()).isNotZero();
    assertThat(logs).anySatisfy(l -> assertThat(l).startsWith("TLS handshake with 127.0.0.1:").contains("failed"));
    // With its certificate, the same client is accepted.
    try (DimseAssociation as = client(linneaClientCert, serverCert).open("127.0.0.1", server.port(),
        DicomClient.request("LINNEA", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
      assertThat(as.echo().status()).isEqualTo(Status.SUCCESS);
    }
  }

  /** WANT: a peer without a certificate is admitted, one with an untrusted certificate is not. */
  @Test
  void optionalClientCertificates() throws Exception {
    TlsContext ctx = TlsContext.of(serverCert, List.of(dcmtkCert.certificate()), TlsSettings.defaults().withClientAuth(TlsSettings.ClientAuth.WANT));
    try (DicomServer optional = new DicomServer(ServerConfig.of(0, "LINNEA").withAssociation(SHORT), new DicomServices(),
        new SecureTransport(ctx.context(), ctx.parameters(), false)).start()) {
      String p = String.valueOf(optional.port());
      check(Dcmtk.run(30, "echoscu", "-aec", "LINNEA", "+tla", "+cf", serverPem.toString(), "127.0.0.1", p));
      check(Dcmtk.run(30, "echoscu", "-aec", "LINNEA", "+tls", dcmtkKey.toString(), dcmtkPem.toString(), "+cf", serverPem.toString(), "127.0.0.1", p));
      Dcmtk.Result stranger = Dcmtk.run(30, "echoscu", "-aec", "LINNEA", "+tls", strangerKey.toString(), strangerPem.toString(),
          "+cf", serverPem.toString(), "127.0.0.1", p);
      assertThat(stranger.exitCode()).as(stranger.output()).isNotZero();
    }
  }

  @Test
  void linneaClientRefusesAServerItDoesNotTrust() {
    assertThatThrownBy(() -> client(linneaClientCert, strangerCert).open("127.0.0.1", server.port(),
        DicomClient.request("LINNEA", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian)).close())
        .isInstanceOf(javax.net.ssl.SSLException.class).hasMessageContaining("TLS handshake with 127.0.0.1:");
  }

  @Test
  void tls11AndPlainHandshakeStallsAreRefused() throws Exception {
    // OpenSSL would not offer TLS 1.1 at its default security level: level 0 makes it try.
    Dcmtk.Result old = Dcmtk.run(30, "sh", "-c", "openssl s_client -connect 127.0.0.1:" + port()
        + " -tls1_1 -cipher DEFAULT@SECLEVEL=0 -msg < /dev/null");
    assertThat(old.output()).contains("ClientHello").containsIgnoringCase("alert protocol version");
    assertThat(old.exitCode()).isNotZero();
    // The control: TLS 1.2 from the same tool gets through the handshake (to the certificate request).
    Dcmtk.Result tls12 = Dcmtk.run(30, "sh", "-c", "openssl s_client -connect 127.0.0.1:" + port()
        + " -tls1_2 -cert " + dcmtkPem + " -key " + dcmtkKey + " < /dev/null");
    assertThat(tls12.output()).contains("Protocol  : TLSv1.2").containsPattern("Cipher +: ECDHE-ECDSA-AES(128|256)-GCM-SHA(256|384)");
    // A peer that connects and says nothing is cut off by the handshake deadline (ARTIM, 3 s here).
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(60_000);
      long t0 = System.nanoTime();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(2));
    }
  }

  /** A TLS peer that asks for 50 MB of C-FIND responses and never reads: cut off by the write timeout. */
  @Test
  void tlsPeerThatStopsReadingIsCutOff() throws Exception {
    AssociationSettings quickWrite = AssociationSettings.defaults()
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1));
    DicomServices services = new DicomServices().onFind((rq, responder) -> {
      byte[] big = new byte[256 * 1024];
      for (int i = 0; i < 200 && !responder.isCancelled(); i++) {
        responder.match((out, ts) -> out.write(big));
      }
    });
    TlsContext ctx = TlsContext.of(serverCert, List.of(linneaClientCert.certificate()),
        TlsSettings.defaults().withClientAuth(TlsSettings.ClientAuth.NEED));
    try (DicomServer finder = new DicomServer(ServerConfig.of(0, "LINNEA").withAssociation(quickWrite), services,
        new SecureTransport(ctx.context(), ctx.parameters(), false)).start()) {
      TlsContext c = TlsContext.client(List.of(serverCert.certificate()), linneaClientCert);
      try (javax.net.ssl.SSLSocket s = c.socket("127.0.0.1", finder.port(), 10_000)) {
        String find = UID.StudyRootQueryRetrieveInformationModelFind;
        var out = s.getOutputStream();
        PduCodec.write(DicomClient.request("BAD", "LINNEA").propose(find, UID.ImplicitVRLittleEndian).build(quickWrite), out);
        s.setSoTimeout(10_000);
        assertThat(PduCodec.read(s.getInputStream(), 0).type()).isEqualTo(2);
        var pdus = new java.io.ByteArrayOutputStream();
        PduCodec.write(new PDataTF(List.of(PDataTF.Pdv.of(1, true, true, Command.request(Dimse.C_FIND_RQ, 1, find, true).encode()))), pdus);
        PduCodec.write(new PDataTF(List.of(PDataTF.Pdv.of(1, false, true, new byte[0]))), pdus);
        out.write(pdus.toByteArray());
        out.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (finder.activeAssociations() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(finder.activeAssociations()).isZero();
        assertThat(logs).anySatisfy(l -> assertThat(l).contains("peer stopped reading"));
      }
      try (DimseAssociation as = client(linneaClientCert, serverCert).open("127.0.0.1", finder.port(),
          DicomClient.request("LINNEA", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
        assertThat(as.echo().status()).isEqualTo(Status.SUCCESS);
      }
    }
  }

  @Test
  void largeObjectStreamsOverTls() throws Exception {
    long size = 96L * 1024 * 1024; // beyond the test JVM's 256 MB heap only if it were buffered whole; it is not
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (DimseAssociation as = client(linneaClientCert, serverCert).open("127.0.0.1", server.port(),
        DicomClient.request("LINNEA", "LINNEA").propose(UID.SecondaryCaptureImageStorage, UID.ImplicitVRLittleEndian))) {
      var rsp = as.store(UID.SecondaryCaptureImageStorage, "1.2.3.4.5.6.7.8.9", UID.ImplicitVRLittleEndian, (out, ts) -> {
        byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 0, 0, 0, 0};
        int len = (int) size;
        header[4] = (byte) len;
        header[5] = (byte) (len >>> 8);
        header[6] = (byte) (len >>> 16);
        header[7] = (byte) (len >>> 24);
        out.write(header);
        md.update(header);
        Random r = new Random(42);
        byte[] chunk = new byte[1 << 20];
        for (long done = 0; done < size; done += chunk.length) {
          r.nextBytes(chunk);
          out.write(chunk);
          md.update(chunk);
        }
      }, null);
      assertThat(rsp.status()).isEqualTo(Status.SUCCESS);
    }
    assertThat(bigHash.get()).isEqualTo(HexFormat.of().formatHex(md.digest()));
  }

  @Test
  void linneaClientStoresToDcmtkStorescpOverTls() throws Exception {
    Path received = Files.createDirectories(tmp.resolve("received"));
    int port = Dcmtk.freePort();
    try (Dcmtk.Server scp = Dcmtk.start(port, tmp, "storescp", "+tls", serverKey.toString(), serverPem.toString(),
        "+cf", linneaPem.toString(), "-aet", "STORESCP", "-od", received.toString(), String.valueOf(port))) {
      Path file = sample("to-storescp");
      FileInstance f = FileInstance.of(file);
      try (DimseAssociation as = client(linneaClientCert, serverCert).open("127.0.0.1", port,
          DicomClient.request("LINNEA", "STORESCP").propose(f.sopClassUid(), f.transferSyntax()))) {
        assertThat(as.store(f, null).status()).isEqualTo(Status.SUCCESS);
      }
      assertThat(Dcmtk.dataSetHashes(received)).containsExactly(Dcmtk.dataSetHash(file));
      // Without a certificate, storescp (which requires one by default) refuses us.
      assertThatThrownBy(() -> {
        try (DimseAssociation as = client(null, serverCert).open("127.0.0.1", port,
            DicomClient.request("LINNEA", "STORESCP").propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
          as.echo();
        }
      }).isInstanceOf(IOException.class);
    }
  }
}
