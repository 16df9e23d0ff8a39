package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.linnea.security.access.Role;

/**
 * DICOM access with the real DCMTK tools (-aet): the calling-AE allow-list with addresses, user
 * identity negotiation (user name and password) against the node's accounts, each AE's
 * organisation and roles applied to C-STORE, C-FIND, C-MOVE and C-GET.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomSecurityTest {
  static final Path CT = NodeTest.PYDICOM.resolve("CT_small.dcm");
  static final String STUDY = HttpSecurityTest.STUDY;

  Node node;
  com.nimbusds.jose.jwk.RSAKey key;
  int port;
  int scpPort;
  Path dir;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")), "DCMTK absent: apt-get install dcmtk");
    Assumptions.assumeTrue(Files.isRegularFile(CT), "pydicom test files absent");
    dir = tmp;
    scpPort = Tools.freePort();
    key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k1").generate();
    Files.writeString(dir.resolve("jwks.json"), new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_DICOM_PORT", "0",
        "LINNEA_HTTP_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1", "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1",
        "LINNEA_REMOTE_AES", "STORESCP@127.0.0.1:" + scpPort,
        "LINNEA_SECURITY_DICOM_CALLERS", "MODALITY@127.0.0.1=default:UPLOADER; VIEWER@127.0.0.0/8=default:READER; VIEWERB@127.0.0.1=B:READER;"
            + " ELSEWHERE@10.9.9.9=default:READER",
        "LINNEA_SECURITY_OIDC_ISSUER", HttpSecurityTest.ISSUER, "LINNEA_SECURITY_OIDC_AUDIENCE", "linnea",
        "LINNEA_SECURITY_OIDC_JWKS_FILE", dir.resolve("jwks.json").toString()));
    node = Node.start(c);
    port = node.dicomPort();
    node.security().accounts.add(node.security().operator(), "uploader-b", "B", Set.of(Role.UPLOADER), HttpSecurityTest.PASSWORD.toCharArray());
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) node.close();
  }

  Tools.Result tool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(args));
    cmd.add("127.0.0.1");
    cmd.add(Integer.toString(port));
    return Tools.run(cmd.toArray(String[]::new));
  }

  Tools.Result store(String aet, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", aet, "-aec", "LINNEA"));
    cmd.addAll(List.of(extra));
    cmd.add("127.0.0.1");
    cmd.add(Integer.toString(port));
    cmd.add(CT.toString());
    return Tools.run(cmd.toArray(String[]::new));
  }

  /** The studies a C-FIND by {@code aet} answers, or null when the find failed. */
  List<String> find(String aet) throws Exception {
    Path out = Files.createTempDirectory(dir, "find");
    Tools.Result r = tool("findscu", "-v", "-S", "-aet", aet, "-aec", "LINNEA", "-X", "-od", out.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID");
    if (r.exitCode() != 0 || java.util.regex.Pattern.compile("0x0?124").matcher(r.output()).find()) return null;
    return Tools.responses(out).stream().map(d -> d.getString(org.linnea.dicom.Tag.StudyInstanceUID).orElse("")).toList();
  }

  long count(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }

  @Test
  void callersRolesAndOrganisationsOverDimse() throws Exception {
    // Storing: the modality may; a reader may not; unlisted AEs and listed AEs from another address are rejected.
    assertThat(store("MODALITY").exitCode()).isZero();
    Tools.Result reader = store("VIEWER");
    assertThat(reader.output()).containsPattern("Status: 0x0?124");
    assertThat(store("NOBODY").output()).containsIgnoringCase("rejected");
    assertThat(store("ELSEWHERE").output()).containsIgnoringCase("rejected");

    // Finding: the reader of the organisation finds the study; the uploader may not query; organisation B finds nothing.
    assertThat(find("VIEWER")).containsExactly(STUDY);
    assertThat(find("MODALITY")).isNull();
    assertThat(find("VIEWERB")).isEmpty();

    // Moving and getting: B retrieves nothing of the default organisation's; the reader does.
    Path received = Files.createDirectories(dir.resolve("moved"));
    Process scp = Tools.storescp(received, scpPort, dir.resolve("storescp.log"));
    try {
      Thread.sleep(500);
      tool("movescu", "-S", "-aet", "VIEWERB", "-aec", "LINNEA", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY);
      assertThat(count(received)).isZero();
      Tools.Result up = tool("movescu", "-v", "-S", "-aet", "MODALITY", "-aec", "LINNEA", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY);
      assertThat(up.output()).containsPattern("0x0?124");
      assertThat(count(received)).isZero();
      Tools.Result ok = tool("movescu", "-S", "-aet", "VIEWER", "-aec", "LINNEA", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY);
      assertThat(ok.exitCode()).as(ok.output()).isZero();
      assertThat(count(received)).isEqualTo(1);
    } finally {
      scp.destroy();
      scp.waitFor(10, TimeUnit.SECONDS);
    }
    Path gotB = Files.createDirectories(dir.resolve("got-b"));
    tool("getscu", "-S", "-aet", "VIEWERB", "-aec", "LINNEA", "-od", gotB.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY);
    assertThat(count(gotB)).isZero();
    Path got = Files.createDirectories(dir.resolve("got"));
    Tools.Result g = tool("getscu", "-S", "-aet", "VIEWER", "-aec", "LINNEA", "-od", got.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY);
    assertThat(g.exitCode()).as(g.output()).isZero();
    assertThat(count(got)).isEqualTo(1);

    // The DIMSE store and the retrievals (C-MOVE, C-GET) are audited with the study's patient, from the index.
    node.security().auditLog.flush();
    List<String> records = new ArrayList<>();
    for (var r : node.security().auditLog.search(org.linnea.security.audit.AuditQuery.all(100_000))) {
      var m = r.message();
      records.add(m.event().eventId().code() + " " + m.event().action() + " " + m.participants().stream().map(pa -> pa.userId()).toList() + " "
          + m.objects().stream().map(o -> o.id()).toList());
    }
    assertThat(records).anyMatch(e -> e.startsWith("110104 CREATE") && e.contains("MODALITY") && e.contains(STUDY) && e.contains("1CT1"));
    assertThat(records.stream().filter(e -> e.startsWith("110104 READ") && e.contains("VIEWER") && e.contains(STUDY) && e.contains("1CT1")).count())
        .as("%s", records).isGreaterThanOrEqualTo(2);

    // User identity: an unlisted AE with B's uploader account stores into B; a wrong password is rejected.
    assertThat(store("ANYAE", "-v", "--user", "uploader-b", "--password", "wrong password, surely").output()).containsIgnoringCase("rejected");
    Tools.Result asB = store("ANYAE", "-v", "--user", "uploader-b", "--password", HttpSecurityTest.PASSWORD);
    assertThat(asB.exitCode()).as(asB.output()).isZero();
    assertThat(asB.output()).doesNotContainPattern("0x0?124");
    assertThat(find("VIEWERB")).containsExactly(STUDY);
    assertThat(node.archive().index().locate(org.linnea.index.Query.of(org.linnea.index.Level.IMAGE, 1))).hasSize(1);

    // JWT user identity: a token of the provider for organisation C stores into C; an expired one is rejected.
    Path jwt = dir.resolve("token.jwt");
    Files.writeString(jwt, HttpSecurityTest.jwt(key, "modality-c", "C", List.of("uploader"), java.time.Instant.now().plusSeconds(600)));
    Tools.Result asC = store("ANYAE", "-v", "--jwt", jwt.toString());
    assertThat(asC.exitCode()).as(asC.output()).isZero();
    assertThat(asC.output()).doesNotContainPattern("0x0?124");
    long c = new org.linnea.index.Organisations(node.archive().index().dataSource()).idOf("C");
    assertThat(node.archive().index().locate(org.linnea.index.Query.of(org.linnea.index.Level.IMAGE, c))).hasSize(1);
    Files.writeString(jwt, HttpSecurityTest.jwt(key, "modality-c", "C", List.of("uploader"), java.time.Instant.now().minusSeconds(3600)));
    assertThat(store("ANYAE", "--jwt", jwt.toString()).output()).containsIgnoringCase("rejected");
  }

  @Test
  void onePeerGetsAtMostItsShareOfAssociations(@TempDir Path other) throws Exception {
    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", other.resolve("data").toString(), "LINNEA_DICOM_PORT", "0",
        "LINNEA_HTTP_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1", "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1",
        "LINNEA_SECURITY_DICOM_MAX_ASSOCIATIONS_PER_PEER", "2"));
    try (Node n = Node.start(c)) {
      var client = new org.linnea.net.dimse.DicomClient(org.linnea.net.assoc.AssociationSettings.defaults());
      var rq = org.linnea.net.dimse.DicomClient.request("PEER", "LINNEA").propose(org.linnea.dicom.UID.Verification, org.linnea.dicom.UID.ImplicitVRLittleEndian);
      var first = client.open("127.0.0.1", n.dicomPort(), rq);
      var second = client.open("127.0.0.1", n.dicomPort(), rq);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.open("127.0.0.1", n.dicomPort(), rq))
          .isInstanceOf(org.linnea.net.assoc.AssociationException.class).hasMessageContaining("reject");
      first.release();
      second.release();
      // The slots are given back when the associations end (the server notices the release).
      org.linnea.net.dimse.DimseAssociation again = null;
      for (int i = 0; i < 100 && again == null; i++) {
        try {
          again = client.open("127.0.0.1", n.dicomPort(), rq);
        } catch (org.linnea.net.assoc.AssociationException e) {
          Thread.sleep(100);
        }
      }
      assertThat(again).isNotNull();
      again.release();
    }
  }
}
