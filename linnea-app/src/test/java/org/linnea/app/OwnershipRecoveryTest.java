package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.dicom.data.Dataset;
import org.linnea.security.access.Role;
import picocli.CommandLine;

/**
 * A two-organisation node loses its index: after {@code ./linnea reindex} (and, a second time,
 * after the start-up sweep alone) each organisation's C-FIND (DCMTK findscu) and QIDO-RS answers
 * are what they were. The studies arrive by C-STORE (storescu) from each organisation's modality;
 * one study is sent by both (identical objects, stored once, owned twice).
 */
class OwnershipRecoveryTest {
  static final Path CT = NodeTest.PYDICOM.resolve("CT_small.dcm");
  static final Path MR = NodeTest.PYDICOM.resolve("MR_small.dcm");
  @TempDir Path dir;

  Configuration config() {
    return Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_DICOM_PORT", "0",
        "LINNEA_HTTP_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1", "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1",
        "LINNEA_SECURITY_DICOM_CALLERS", "MODALITY@127.0.0.1=default:UPLOADER; MODALITYB@127.0.0.1=B:UPLOADER; VIEWER@127.0.0.1=default:READER;"
            + " VIEWERB@127.0.0.1=B:READER"));
  }

  static Tools.Result store(Node node, String aet, Path file) throws Exception {
    return Tools.run("storescu", "-aet", aet, "-aec", "LINNEA", "127.0.0.1", Integer.toString(node.dicomPort()), file.toString());
  }

  /** What each organisation's C-FIND and QIDO-RS answer, as text. */
  List<String> answers(Node node) throws Exception {
    List<String> out = new ArrayList<>();
    for (String aet : List.of("VIEWER", "VIEWERB")) {
      for (String level : List.of("PATIENT", "STUDY", "SERIES", "IMAGE")) {
        Path od = Files.createTempDirectory(dir, "find");
        List<String> keys = new ArrayList<>(List.of("findscu", "-S", "-aet", aet, "-aec", "LINNEA", "-X", "-od", od.toString(),
            "-k", "QueryRetrieveLevel=" + level, "-k", "PatientID", "-k", "PatientName", "-k", "StudyInstanceUID"));
        if (!level.equals("PATIENT")) keys.addAll(List.of("-k", "SeriesInstanceUID", "-k", "Modality"));
        if (level.equals("IMAGE")) keys.addAll(List.of("-k", "SOPInstanceUID"));
        if (level.equals("STUDY")) keys.addAll(List.of("-k", "NumberOfStudyRelatedInstances", "-k", "ModalitiesInStudy"));
        keys.addAll(List.of("127.0.0.1", Integer.toString(node.dicomPort())));
        Tools.Result r = Tools.run(keys.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isZero();
        Tools.responses(od).stream().map(Dataset::toString).sorted().forEach(d -> out.add(aet + " " + level + " " + d));
      }
    }
    Http http = new Http(node);
    for (String user : List.of("reader-a", "reader-b")) {
      String token = http.login(user, HttpSecurityTest.PASSWORD);
      for (String q : List.of("/dicomweb/studies?includefield=all", "/dicomweb/series", "/dicomweb/instances")) {
        var res = http.get(q, token);
        assertThat(res.statusCode()).isEqualTo(200);
        List<String> items = new ArrayList<>();
        // Retrieve URLs name the node's (ephemeral) port: not part of what is compared.
        Http.JSON.readTree(res.body()).forEach(n -> items.add(n.toString().replaceAll("http://127\\.0\\.0\\.1:\\d+/", "http://node/")));
        items.stream().sorted().forEach(i -> out.add(user + " " + q + " " + i));
      }
    }
    return out;
  }

  void deleteIndex() throws Exception {
    try (var walk = Files.walk(dir.resolve("data/index"))) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void eachOrganisationsAnswersSurviveTheLossOfTheIndex() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")), "DCMTK absent: apt-get install dcmtk");
    Assumptions.assumeTrue(Files.isRegularFile(CT) && Files.isRegularFile(MR), "pydicom test files absent");
    List<String> before;
    try (Node node = Node.start(config())) {
      var accounts = node.security().accounts;
      accounts.add(node.security().operator(), "reader-a", "default", Set.of(Role.READER), HttpSecurityTest.PASSWORD.toCharArray());
      accounts.add(node.security().operator(), "reader-b", "B", Set.of(Role.READER), HttpSecurityTest.PASSWORD.toCharArray());
      assertThat(store(node, "MODALITY", CT).exitCode()).isZero();
      assertThat(store(node, "MODALITYB", MR).exitCode()).isZero();
      assertThat(store(node, "MODALITYB", CT).exitCode()).isZero();
      before = answers(node);
    }
    assertThat(before).anyMatch(a -> a.startsWith("VIEWERB STUDY") && a.contains("4MR1")).noneMatch(a -> a.startsWith("VIEWER ") && a.contains("4MR1"));
    assertThat(before).anyMatch(a -> a.startsWith("VIEWER STUDY") && a.contains("1CT1")).anyMatch(a -> a.startsWith("VIEWERB STUDY") && a.contains("1CT1"));

    // The index database lost; ./linnea reindex rebuilds it from the store.
    deleteIndex();
    Path cfg = dir.resolve("linnea.yaml");
    Files.writeString(cfg, "storage:\n  path: " + dir.resolve("data") + "\n");
    java.io.StringWriter out = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(out, true));
    assertThat(cli.execute("reindex", "--config", cfg.toString())).as(out::toString).isZero();
    assertThat(out.toString()).contains("2 objects, 2 indexed");
    try (Node node = Node.start(config())) {
      assertThat(answers(node)).isEqualTo(before);
    }

    // Lost again: this time the start-up sweep alone indexes the store, into the same organisations.
    deleteIndex();
    try (Node node = Node.start(config())) {
      assertThat(node.sweep().indexed()).hasSize(2);
      assertThat(answers(node)).isEqualTo(before);
    }
  }
}
