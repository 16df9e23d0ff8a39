package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.archive.Archive;
import org.linnea.archive.Progress;
import org.linnea.archive.RecoverySweep;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;

/**
 * The archive behind its DICOM door, driven by the real DCMTK tools: storescu in, findscu at every
 * level with wildcards and date ranges (counts and values), movescu to a storescp this test starts,
 * getscu, each retrieved data set compared byte for byte with what was sent; and a SIGKILL of a
 * serving JVM while storescu stores, after which every acknowledged instance is there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DcmtkArchiveTest {
  @TempDir static Path dir;
  Node node;
  int port;
  int scpPort;
  Path files;
  Map<String, Path> sent = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")), "DCMTK absent: apt-get install dcmtk");
    scpPort = Tools.freePort();
    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_DICOM_PORT", "0",
        "LINNEA_HTTP_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1", "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1",
        "LINNEA_REMOTE_AES", "STORESCP@127.0.0.1:" + scpPort));
    node = Node.start(c);
    port = node.dicomPort();
    files = Files.createDirectories(dir.resolve("sent"));
    String[][] patients = {{"P1", "Doe^John"}, {"P2", "DOE^Jane"}, {"P3", "Müller^Anna"}};
    String[] dates = {"20200115", "20200620", "20210301"};
    String[] mods = {"CT", "MR"};
    long seed = 0;
    for (int p = 0; p < patients.length; p++) {
      for (int s = 0; s < 2; s++) {
        String study = "2.25.77" + p + "." + s;
        for (int se = 0; se < 2; se++) {
          String series = study + "." + se;
          for (int i = 1; i <= 3; i++) {
            Path f = Tools.ct(files, patients[p][0], patients[p][1], study, dates[(p + s) % 3], series, mods[se], i, seed++);
            sent.put(series + "." + i, f);
          }
        }
      }
    }
    List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "TESTSCU", "-aec", "LINNEA", "127.0.0.1", Integer.toString(port)));
    try (Stream<Path> s = Files.list(files)) {
      s.sorted().forEach(f -> cmd.add(f.toString()));
    }
    cmd.add("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
    Tools.Result r = Tools.run(cmd.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) node.close();
  }

  List<Dataset> find(String model, String... keys) throws Exception {
    Path out = Files.createTempDirectory(dir, "find");
    List<String> cmd = new ArrayList<>(List.of("findscu", model, "-aet", "TESTSCU", "-aec", "LINNEA", "-X", "-od", out.toString()));
    for (String k : keys) {
      cmd.add("-k");
      cmd.add(k);
    }
    cmd.add("127.0.0.1");
    cmd.add(Integer.toString(port));
    Tools.Result r = Tools.run(cmd.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return Tools.responses(out);
  }

  static List<String> values(List<Dataset> answers, int tag) {
    return answers.stream().map(d -> d.getString(tag).orElse("")).sorted().toList();
  }

  @Test
  void findAtEveryLevelWithWildcardsAndDateRanges() throws Exception {
    // Patient root, PATIENT level, case-insensitive wildcard.
    List<Dataset> patients = find("-P", "QueryRetrieveLevel=PATIENT", "PatientName=doe*", "PatientID", "NumberOfPatientRelatedStudies");
    assertThat(values(patients, Tag.PatientID)).containsExactly("P1", "P2");
    assertThat(values(patients, Tag.NumberOfPatientRelatedStudies)).containsExactly("2", "2");
    // UTF-8 names come back as such.
    List<Dataset> muller = find("-P", "SpecificCharacterSet=ISO_IR 192", "QueryRetrieveLevel=PATIENT", "PatientName=MÜLLER*", "PatientID");
    assertThat(values(muller, Tag.PatientID)).containsExactly("P3");
    assertThat(values(muller, Tag.PatientName)).containsExactly("Müller^Anna");
    // Study root, STUDY level, date range.
    List<Dataset> studies = find("-S", "QueryRetrieveLevel=STUDY", "StudyDate=20200101-20200630", "StudyInstanceUID", "PatientName",
        "ModalitiesInStudy", "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances");
    assertThat(studies).hasSize(4);
    assertThat(values(studies, Tag.NumberOfStudyRelatedInstances)).containsOnly("6");
    assertThat(studies.getFirst().getStrings(Tag.ModalitiesInStudy)).containsExactly("CT", "MR");
    assertThat(values(find("-S", "QueryRetrieveLevel=STUDY", "StudyDate=20210101-", "StudyInstanceUID"), Tag.StudyInstanceUID)).hasSize(2);
    assertThat(find("-S", "QueryRetrieveLevel=STUDY", "StudyDate=-20191231", "StudyInstanceUID")).hasSize(1); // CT_small (2004)
    assertThat(find("-S", "QueryRetrieveLevel=STUDY", "PatientName=*", "StudyInstanceUID")).hasSize(7);
    // SERIES level.
    List<Dataset> series = find("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=2.25.770.0", "SeriesInstanceUID", "Modality",
        "NumberOfSeriesRelatedInstances");
    assertThat(values(series, Tag.Modality)).containsExactly("CT", "MR");
    assertThat(values(series, Tag.NumberOfSeriesRelatedInstances)).containsExactly("3", "3");
    assertThat(find("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=2.25.770.0", "Modality=M?", "SeriesInstanceUID")).hasSize(1);
    // IMAGE level.
    List<Dataset> images = find("-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=2.25.770.0", "SeriesInstanceUID=2.25.770.0.1",
        "SOPInstanceUID", "InstanceNumber");
    assertThat(values(images, Tag.SOPInstanceUID)).containsExactly("2.25.770.0.1.1", "2.25.770.0.1.2", "2.25.770.0.1.3");
    assertThat(images.getFirst().getString(Tag.RetrieveAETitle)).contains("LINNEA");
    // A malformed date is refused with A900, not answered.
    Tools.Result bad = Tools.run("findscu", "-v", "-S", "-aec", "LINNEA", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyDate=2020-13-99x",
        "127.0.0.1", Integer.toString(port));
    assertThat(bad.output()).contains("Received Final Find Response (Error: DataSetDoesNotMatchSOPClass)").doesNotContain("Pending"); // A900
  }

  @Test
  void moveToStorescpAndGetReturnTheBytesSent() throws Exception {
    Path received = Files.createDirectories(dir.resolve("moved"));
    Process scp = Tools.storescp(received, scpPort, dir.resolve("storescp.log"));
    try {
      Thread.sleep(500);
      Tools.Result r = Tools.run("movescu", "-S", "-aet", "TESTSCU", "-aec", "LINNEA", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY",
          "-k", "StudyInstanceUID=2.25.771.1", "127.0.0.1", Integer.toString(port));
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertSameDataSets(received, 6);
    } finally {
      scp.destroy();
      scp.waitFor(10, TimeUnit.SECONDS);
    }
    Path got = Files.createDirectories(dir.resolve("got"));
    Tools.Result r = Tools.run("getscu", "-S", "-aet", "TESTSCU", "-aec", "LINNEA", "-od", got.toString(), "-k", "QueryRetrieveLevel=SERIES",
        "-k", "StudyInstanceUID=2.25.772.0", "-k", "SeriesInstanceUID=2.25.772.0.1", "127.0.0.1", Integer.toString(port));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertSameDataSets(got, 3);
  }

  private void assertSameDataSets(Path received, int expected) throws IOException {
    List<Path> got;
    try (Stream<Path> s = Files.list(received)) {
      got = s.toList();
    }
    assertThat(got).hasSize(expected);
    for (Path f : got) {
      String uid = org.linnea.dicom.io.DicomReader.readFile(f).sopInstanceUID().orElseThrow();
      assertThat(Tools.dataSetBytes(f)).as("data set of %s", uid).isEqualTo(Tools.dataSetBytes(sent.get(uid)));
    }
  }

  /** The child: {@code linnea serve} in a JVM of its own (the test class path instead of the launcher). */
  private Process serve(Path data, int dicomPort) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.linnea.app.Main", "serve")
        .redirectErrorStream(true);
    pb.environment().put("LINNEA_STORAGE_PATH", data.toString());
    pb.environment().put("LINNEA_DICOM_PORT", Integer.toString(dicomPort));
    pb.environment().put("LINNEA_HTTP_PORT", "0");
    pb.environment().put("LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1");
    pb.environment().put("LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1");
    Process p = pb.start();
    java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
    Thread.ofPlatform().daemon().start(() -> { // a start that hangs must not hang the build
      try {
        Thread.sleep(180_000);
      } catch (InterruptedException e) {
        return;
      }
      if (!ready.get()) p.destroyForcibly();
    });
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
    for (String line; (line = r.readLine()) != null; ) {
      if (line.contains("ready")) {
        ready.set(true);
        return p;
      }
    }
    throw new IOException("linnea serve did not start within 180 s");
  }

  @Test
  void sigkillWhileStorescuStoresLosesNothingAcknowledged() throws Exception {
    Path data = dir.resolve("killed");
    Path src = Files.createDirectories(dir.resolve("kill-src"));
    List<Path> toSend = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      toSend.add(Tools.ct(src, "K1", "Kill^Test", "2.25.99", "20240101", "2.25.99." + (i / 100), "CT", i % 100 + 1, 10_000 + i));
    }
    int dicomPort = Tools.freePort();
    Process server = serve(data, dicomPort);
    Set<String> acked = new HashSet<>();
    try {
      // One storescu per file: a zero exit status is the acknowledgement of that instance.
      int k = 0;
      for (Path f : toSend) {
        Tools.Result r = Tools.run("storescu", "-aec", "LINNEA", "127.0.0.1", Integer.toString(dicomPort), f.toString());
        if (r.exitCode() != 0) break;
        acked.add(f.getFileName().toString().replace(".dcm", ""));
        if (++k == 60) {
          // Kill while a concurrent sender is in the middle of its stores.
          Thread sender = Thread.ofPlatform().start(() -> {
            for (Path g : toSend.subList(200, 400)) {
              try {
                if (Tools.run("storescu", "-aec", "LINNEA", "127.0.0.1", Integer.toString(dicomPort), g.toString()).exitCode() != 0) return;
                synchronized (acked) {
                  acked.add(g.getFileName().toString().replace(".dcm", ""));
                }
              } catch (Exception e) {
                return;
              }
            }
          });
          Thread.sleep(1500);
          new ProcessBuilder("kill", "-KILL", Long.toString(server.pid())).start().waitFor();
          sender.join();
          break;
        }
      }
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      server.destroyForcibly();
    }
    // Restart: the sweep runs at start-up; then stop it and look.
    Process again = serve(data, dicomPort);
    Tools.Result echo = Tools.run("echoscu", "-aec", "LINNEA", "127.0.0.1", Integer.toString(dicomPort));
    assertThat(echo.exitCode()).isZero();
    new ProcessBuilder("kill", "-TERM", Long.toString(again.pid())).start().waitFor();
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", data.toString()));
    try (Archive a = Node.openArchive(c)) {
      RecoverySweep.Report sweep = a.recover();
      assertThat(sweep.missing()).isEmpty();
      Set<String> indexed = new HashSet<>();
      a.index().forEachInstance(i -> indexed.add(i.sopInstanceUid()));
      assertThat(indexed).containsAll(acked);
      assertThat(a.verify(Progress.NONE).problems()).isEmpty();
      System.out.printf("SIGKILL test: %d acknowledged, %d indexed after restart%n", acked.size(), indexed.size());
    }
  }
}
