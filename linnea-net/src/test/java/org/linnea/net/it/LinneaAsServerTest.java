package org.linnea.net.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.io.DicomReader;
import org.linnea.net.ae.AeConfig;
import org.linnea.net.ae.RemoteAe;
import org.linnea.net.dimse.DicomServer;
import org.linnea.net.dimse.ServerConfig;

/** DCMTK's SCUs against a Linnea server with test handlers. */
class LinneaAsServerTest {
  static Path tmp;
  static Path in;
  static Path store;
  static DicomServer server;
  static int port;
  static int storescpPort;
  static Path ele, ile, ebe, jpeg;

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Dcmtk.cleanDir("target/it/server");
    in = Files.createDirectories(tmp.resolve("in"));
    store = Files.createDirectories(tmp.resolve("store"));
    ele = prepare("ele", "+te");
    ile = prepare("ile", "+ti");
    ebe = prepare("ebe", "+tb");
    jpeg = in.resolve("jpeg.dcm");
    check(Dcmtk.run(30, "dcmcjpeg", ele.toString(), jpeg.toString()));
    check(Dcmtk.run(30, "dcmodify", "-nb", "-gin", jpeg.toString()));
    storescpPort = Dcmtk.freePort();
    ServerConfig cfg = ServerConfig.of(0, "LINNEA")
        .withAe(AeConfig.of("LINNEA").withRemoteAes(new RemoteAe("STORESCP", "127.0.0.1", storescpPort)));
    server = new DicomServer(cfg, new TestArchive(store).services()).start();
    port = server.port();
  }

  static Path prepare(String name, String tsOption) throws Exception {
    Path p = in.resolve(name + ".dcm");
    check(Dcmtk.run(30, "dcmconv", tsOption, Dcmtk.TEST_FILES.resolve("CT_small.dcm").toString(), p.toString()));
    check(Dcmtk.run(30, "dcmodify", "-nb", "-gin", p.toString()));
    return p;
  }

  static void check(Dcmtk.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @AfterAll
  static void tearDown() {
    server.close();
  }

  static String iuid(Path p) throws Exception {
    return DicomReader.readFile(p).sopInstanceUID().orElseThrow();
  }

  static String studyUid(Path p) throws Exception {
    return DicomReader.readFile(p).dataset().getString(Tag.StudyInstanceUID).orElseThrow();
  }

  @Test
  void echoscu() throws Exception {
    check(Dcmtk.run(20, "echoscu", "-aec", "LINNEA", "127.0.0.1", String.valueOf(port)));
  }

  @Test
  void storescuInEveryUncompressedSyntaxAndJpegIsStoredByteForByte() throws Exception {
    for (var c : List.of(List.of("-xe", ele), List.of("-xi", ile), List.of("-xb", ebe), List.of("-xs", jpeg))) {
      Path file = (Path) c.get(1);
      check(Dcmtk.run(30, "storescu", "-aec", "LINNEA", (String) c.get(0), "127.0.0.1", String.valueOf(port), file.toString()));
      Path stored = store.resolve(iuid(file) + ".dcm");
      assertThat(stored).exists();
      assertThat(Dcmtk.dataSetHash(stored)).as("%s", c.get(0)).isEqualTo(Dcmtk.dataSetHash(file));
      assertThat(DicomReader.readFile(stored).transferSyntax().uid())
          .isEqualTo(DicomReader.readFile(file).transferSyntax().uid());
    }
  }

  @Test
  void findscuMovescuGetscu() throws Exception {
    check(Dcmtk.run(30, "storescu", "-aec", "LINNEA", "127.0.0.1", String.valueOf(port), ele.toString()));
    String study = studyUid(ele);

    Dcmtk.Result find = Dcmtk.run(30, "findscu", "-S", "-aec", "LINNEA", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID", "-k", "PatientName", "-k", "PatientID=*", "127.0.0.1", String.valueOf(port));
    check(find);
    assertThat(find.output()).contains(study).contains("CompressedSamples^CT1");

    Path moved = Files.createDirectories(tmp.resolve("moved"));
    try (var scp = Dcmtk.start(storescpPort, moved, "storescp", "+xa", "-aet", "STORESCP", "-od", moved.toString(), String.valueOf(storescpPort))) {
      Dcmtk.Result move = Dcmtk.run(30, "movescu", "-S", "-aec", "LINNEA", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY",
          "-k", "StudyInstanceUID=" + study, "127.0.0.1", String.valueOf(port));
      check(move);
      assertThat(move.output()).doesNotContain("Failed");
    }
    assertThat(Dcmtk.dataSetHashes(moved)).contains(Dcmtk.dataSetHash(ele));

    Path got = Files.createDirectories(tmp.resolve("got"));
    Dcmtk.Result get = Dcmtk.run(30, "getscu", "+B", "-S", "-aec", "LINNEA", "-od", got.toString(), "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + study, "127.0.0.1", String.valueOf(port));
    check(get);
    assertThat(Dcmtk.dataSetHashes(got)).contains(Dcmtk.dataSetHash(ele));
  }

  @Test
  void wrongCalledAeIsRejectedWithTheReason() throws Exception {
    Dcmtk.Result r = Dcmtk.run(20, "echoscu", "-aec", "NOBODY", "127.0.0.1", String.valueOf(port));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).containsIgnoringCase("Called AE Title Not Recognized");
  }
}
