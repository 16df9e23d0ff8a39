package org.linnea.net.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomReader;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.dimse.DataWriter;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.DimseResponse;
import org.linnea.net.dimse.FileInstance;
import org.linnea.net.dimse.Status;

/** Linnea's service-user API against DCMTK's storescp and dcmqrscp. */
class LinneaAsClientTest {
  static Path tmp;
  static Path received;
  static Path db;
  static int storescpPort;
  static int qrPort;
  static Dcmtk.Server storescp;
  static Dcmtk.Server qrscp;
  static List<Path> files = new ArrayList<>();
  static final DicomClient CLIENT = new DicomClient(AssociationSettings.defaults());

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Dcmtk.cleanDir("target/it/client");
    Path in = Files.createDirectories(tmp.resolve("in"));
    received = Files.createDirectories(tmp.resolve("received"));
    db = Files.createDirectories(tmp.resolve("db"));
    for (String[] c : new String[][] {{"ele", "+te"}, {"ile", "+ti"}, {"ebe", "+tb"}}) {
      Path p = in.resolve(c[0] + ".dcm");
      check(Dcmtk.run(30, "dcmconv", c[1], Dcmtk.TEST_FILES.resolve("CT_small.dcm").toString(), p.toString()));
      check(Dcmtk.run(30, "dcmodify", "-nb", "-gin", p.toString()));
      files.add(p);
    }
    Path jpeg = in.resolve("jpeg.dcm");
    check(Dcmtk.run(30, "dcmcjpeg", files.get(0).toString(), jpeg.toString()));
    check(Dcmtk.run(30, "dcmodify", "-nb", "-gin", jpeg.toString()));
    files.add(jpeg);

    storescpPort = Dcmtk.freePort();
    storescp = Dcmtk.start(storescpPort, tmp, "storescp", "+B", "+xa", "-aet", "STORESCP", "-od", received.toString(), String.valueOf(storescpPort));
    qrPort = Dcmtk.freePort();
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
    qrscp = Dcmtk.start(qrPort, tmp, "dcmqrscp", "-d", "+B", "-c", cfg.toString());
  }

  @AfterAll
  static void tearDown() throws Exception {
    storescp.close();
    qrscp.close();
  }

  static void check(Dcmtk.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  static DicomClient.Request storeRequest(String called) throws Exception {
    DicomClient.Request rq = DicomClient.request("LINNEA", called).propose(UID.Verification, UID.ImplicitVRLittleEndian);
    for (Path p : files) {
      FileInstance f = FileInstance.of(p);
      rq.propose(f.sopClassUid(), f.transferSyntax());
    }
    return rq;
  }

  @Test
  void echoAndStoreToStorescpArriveByteForByte() throws Exception {
    try (DimseAssociation as = CLIENT.open("127.0.0.1", storescpPort, storeRequest("STORESCP"))) {
      assertThat(as.echo().status()).isEqualTo(Status.SUCCESS);
      for (Path p : files) {
        assertThat(as.store(FileInstance.of(p), null).status()).as("%s", p).isEqualTo(Status.SUCCESS);
      }
    }
    List<String> got = Dcmtk.dataSetHashes(received);
    for (Path p : files) {
      assertThat(got).as("%s", p).contains(Dcmtk.dataSetHash(p));
    }
  }

  /**
   * dcmqrscp offers one transfer syntax per SOP class when it sends, and converts to it: only the
   * uncompressed files go through it, and only the explicit little endian one can come back
   * byte for byte; the others are checked by SOP Instance UID.
   */
  @Test
  void storeFindMoveGetWithDcmqrscp() throws Exception {
    List<Path> files = LinneaAsClientTest.files.subList(0, 3);
    try (DimseAssociation as = CLIENT.open("127.0.0.1", qrPort, storeRequest("QRSCP"))) {
      for (Path p : files) {
        assertThat(as.store(FileInstance.of(p), null).status()).isEqualTo(Status.SUCCESS);
      }
    }
    String study = DicomReader.readFile(files.get(0)).dataset().getString(Tag.StudyInstanceUID).orElseThrow();

    Dataset keys = new Dataset();
    keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
    keys.setString(Tag.StudyInstanceUID, VR.UI, study);
    keys.setString(Tag.SeriesInstanceUID, VR.UI);
    keys.setString(Tag.SOPInstanceUID, VR.UI);
    String find = UID.StudyRootQueryRetrieveInformationModelFind;
    List<Dataset> matches = new ArrayList<>();
    try (DimseAssociation as = CLIENT.open("127.0.0.1", qrPort,
        DicomClient.request("LINNEA", "QRSCP").propose(find, UID.ExplicitVRLittleEndian))) {
      DimseResponse fin = as.find(find, DataWriter.of(keys), r -> {
        try {
          matches.add(r.dataSet().orElseThrow().dataset());
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      assertThat(fin.status()).isEqualTo(Status.SUCCESS);
    }
    assertThat(matches).hasSize(files.size());
    assertThat(matches).allSatisfy(m -> assertThat(m.getString(Tag.StudyInstanceUID)).hasValue(study));

    Dataset studyKeys = new Dataset();
    studyKeys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
    studyKeys.setString(Tag.StudyInstanceUID, VR.UI, study);
    String move = UID.StudyRootQueryRetrieveInformationModelMove;
    try (DimseAssociation as = CLIENT.open("127.0.0.1", qrPort,
        DicomClient.request("LINNEA", "QRSCP").propose(move, UID.ExplicitVRLittleEndian))) {
      DimseResponse fin = as.move(move, "STORESCP", DataWriter.of(studyKeys), r -> {});
      assertThat(fin.status()).as(fin.describe()).isEqualTo(Status.SUCCESS);
      assertThat(fin.completed()).isEqualTo(files.size());
    }
    assertThat(Dcmtk.dataSetHashes(received)).contains(Dcmtk.dataSetHash(files.get(0)));
    assertThat(iuids(received)).containsAll(iuids(files));

    String get = UID.StudyRootQueryRetrieveInformationModelGet;
    Path got = Files.createDirectories(tmp.resolve("got"));
    TestArchive sink = new TestArchive(got);
    DicomClient.Request rq = DicomClient.request("LINNEA", "QRSCP").get(get, List.of(UID.CTImageStorage),
        UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian, UID.JPEGLosslessSV1);
    try (DimseAssociation as = CLIENT.open("127.0.0.1", qrPort, rq)) {
      DimseResponse fin = as.get(get, DataWriter.of(studyKeys), sink::store, r -> {});
      assertThat(fin.status()).as(fin.describe()).isEqualTo(Status.SUCCESS);
    }
    assertThat(Dcmtk.dataSetHashes(got)).contains(Dcmtk.dataSetHash(files.get(0)));
    assertThat(iuids(got)).containsExactlyInAnyOrderElementsOf(iuids(files));
  }

  static List<String> iuids(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return iuids(s.filter(p -> !p.toString().endsWith(".log")).toList());
    }
  }

  static List<String> iuids(List<Path> paths) throws Exception {
    List<String> l = new ArrayList<>();
    for (Path p : paths) {
      l.add(DicomReader.readFile(p).sopInstanceUID().orElseThrow());
    }
    return l;
  }
}
