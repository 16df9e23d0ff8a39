package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.dicom.io.DicomReader;
import org.linnea.net.dimse.DicomServer;
import org.linnea.net.dimse.DicomServices;
import org.linnea.net.dimse.ServerConfig;

/** The network commands against DCMTK's storescp and dcmqrscp, and their error messages. */
class NetCommandsTest {
  static final Path TEST_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
  @TempDir static Path tmp;
  static Path in;
  static Path received;
  static int storescpPort;
  static int qrPort;
  static Process storescp;
  static Process qrscp;

  record Run(int code, String out, String err) {}

  static synchronized Run linnea(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertThat(p.waitFor()).as(output).isZero();
  }

  static Process server(int port, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("server-" + port + ".log").toFile());
    pb.environment().put("TCP_NODELAY", "1");
    Process p = pb.start();
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return p;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IOException("server did not start: " + String.join(" ", cmd));
  }

  @BeforeAll
  static void setUp() throws Exception {
    in = Files.createDirectories(tmp.resolve("in/sub"));
    received = Files.createDirectories(tmp.resolve("received"));
    for (String[] c : new String[][] {{"ele", "+te"}, {"ile", "+ti"}, {"ebe", "+tb"}}) {
      Path p = in.resolve(c[0] + ".dcm");
      exec("dcmconv", c[1], TEST_FILES.resolve("CT_small.dcm").toString(), p.toString());
      exec("dcmodify", "-nb", "-gin", p.toString());
    }
    Files.writeString(tmp.resolve("in/README.txt"), "not DICOM");
    storescpPort = freePort();
    storescp = server(storescpPort, "storescp", "+B", "+xa", "-aet", "STORESCP", "-od", received.toString(), String.valueOf(storescpPort));
    qrPort = freePort();
    Path db = Files.createDirectories(tmp.resolve("db"));
    Path cfg = tmp.resolve("dcmqrscp.cfg");
    Files.writeString(cfg, """
        NetworkTCPPort  = %d
        MaxPDUSize      = 16384
        MaxAssociations = 16
        HostTable BEGIN
        storescp = (STORESCP, 127.0.0.1, %d)
        HostTable END
        VendorTable BEGIN
        VendorTable END
        AETable BEGIN
        QRSCP %s RW (200, 1024mb) ANY
        AETable END
        """.formatted(qrPort, storescpPort, db));
    qrscp = server(qrPort, "dcmqrscp", "+B", "-c", cfg.toString());
  }

  @AfterAll
  static void tearDown() throws Exception {
    for (Process p : List.of(storescp, qrscp)) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  static String hash(Path file) throws Exception {
    byte[] b = Files.readAllBytes(file);
    int gl = (b[140] & 0xFF) | (b[141] & 0xFF) << 8 | (b[142] & 0xFF) << 16 | (b[143] & 0xFF) << 24;
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(b, 144 + gl, b.length)));
  }

  static List<String> hashes(Path dir) throws Exception {
    List<String> l = new ArrayList<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        l.add(hash(p));
      }
    }
    return l;
  }

  @Test
  void echoSucceeds() {
    Run r = linnea("echo", "127.0.0.1", String.valueOf(storescpPort), "--aec", "STORESCP");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("success");
  }

  @Test
  void echoToNothingSaysWhatToCheck() throws Exception {
    Run r = linnea("echo", "127.0.0.1", String.valueOf(freePort()));
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("cannot connect to 127.0.0.1:").contains("check host and port");
  }

  @Test
  void rejectionNamesTheReasonAndTheOption() throws Exception {
    try (DicomServer server = new DicomServer(ServerConfig.of(0, "LINNEA"), new DicomServices()).start()) {
      Run r = linnea("echo", "127.0.0.1", String.valueOf(server.port()), "--aec", "WRONG");
      assertThat(r.code()).isNotZero();
      assertThat(r.err()).contains("association rejected by 127.0.0.1:" + server.port() + ": called AE title not recognized (check --aec)");
    }
  }

  @Test
  void sendFolderInParallelArrivesByteForByteAndSkipsNonDicom() throws Exception {
    Run r = linnea("send", "127.0.0.1", String.valueOf(storescpPort), "--aec", "STORESCP", "--parallel", "2", tmp.resolve("in").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("sent 3, warnings 0, failed 0 of 3 DICOM files").contains("1 other files skipped");
    List<String> got = hashes(received);
    try (var s = Files.list(in)) {
      for (Path p : s.toList()) {
        assertThat(got).contains(hash(p));
      }
    }
  }

  @Test
  void sendReportsFailuresAndExitsNonZero() throws Exception {
    // storescp accepts no JPEG without +xa: a JPEG file is refused
    int port = freePort();
    Path jpeg = tmp.resolve("jpeg.dcm");
    exec("dcmcjpeg", in.resolve("ele.dcm").toString(), jpeg.toString());
    Path out = Files.createDirectories(tmp.resolve("plain"));
    Process p = server(port, "storescp", "-aet", "PLAIN", "-od", out.toString(), String.valueOf(port));
    try {
      Run r = linnea("send", "127.0.0.1", String.valueOf(port), "--aec", "PLAIN", jpeg.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).contains("failed 1");
      assertThat(r.err()).contains("JPEG Lossless").contains("check its configuration");
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  @Test
  void findMoveGetWithDcmqrscp() throws Exception {
    Run sent = linnea("send", "127.0.0.1", String.valueOf(qrPort), "--aec", "QRSCP", in.resolve("ele.dcm").toString());
    assertThat(sent.code()).as(sent.out() + sent.err()).isZero();
    String study = DicomReader.readFile(in.resolve("ele.dcm")).dataset().getString(Tag.StudyInstanceUID).orElseThrow();

    Run find = linnea("find", "127.0.0.1", String.valueOf(qrPort), "--aec", "QRSCP", "-k", "PatientName=*");
    assertThat(find.code()).as(find.err()).isZero();
    assertThat(find.out()).contains("StudyInstanceUID").contains(study).contains("CompressedSamples^CT1").contains("1 match");

    Run move = linnea("move", "127.0.0.1", String.valueOf(qrPort), "--aec", "QRSCP", "--dest", "STORESCP", "-k", "StudyInstanceUID=" + study);
    assertThat(move.code()).as(move.out() + move.err()).isZero();
    assertThat(move.out()).contains("1 completed, 0 failed");

    Path got = tmp.resolve("got");
    Run get = linnea("get", "127.0.0.1", String.valueOf(qrPort), "--aec", "QRSCP", "-k", "StudyInstanceUID=" + study, "--out", got.toString());
    assertThat(get.code()).as(get.out() + get.err()).isZero();
    assertThat(hashes(got)).containsExactly(hash(in.resolve("ele.dcm")));

    Run unknown = linnea("move", "127.0.0.1", String.valueOf(qrPort), "--aec", "QRSCP", "--dest", "NOWHERE", "-k", "StudyInstanceUID=" + study);
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("NOWHERE");
  }
}
