package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import picocli.CommandLine;

/**
 * {@code ./linnea user …} and {@code ./linnea audit …} on a stopped and on a running node's data
 * folder; the audit trail's tamper detection through the command line.
 */
class SecurityCommandsTest {
  @TempDir Path dir;
  String lastOutput;

  int run(String... args) throws Exception {
    Path cfg = dir.resolve("linnea.yaml");
    Files.writeString(cfg, "storage:\n  path: " + dir.resolve("data") + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(out, true, StandardCharsets.UTF_8));
    List<String> full = new ArrayList<>(List.of(args));
    full.add("--config");
    full.add(cfg.toString());
    int rc = cli.execute(full.toArray(String[]::new));
    lastOutput = out.toString(StandardCharsets.UTF_8);
    System.out.println(String.join(" ", args) + " -> " + rc + "\n" + lastOutput);
    return rc;
  }

  String oneTimePassword() {
    Matcher m = Pattern.compile("one-time password of \\S+: (\\S+)").matcher(lastOutput);
    assertThat(m.find()).as(lastOutput).isTrue();
    return m.group(1);
  }

  @Test
  void userCommandsOnAStoppedAndARunningNodeAndAuditVerifyFindsTampering() throws Exception {
    assertThat(run("user", "add", "alice", "--role", "READER", "--role", "UPLOADER", "--org", "A")).isZero();
    String alice = oneTimePassword();
    assertThat(alice).hasSize(20);
    assertThat(run("user", "add", "alice", "--role", "READER")).isEqualTo(1);
    assertThat(lastOutput).contains("exists already");
    assertThat(run("user", "add", "bob", "--role", "WIZARD")).isEqualTo(1);
    assertThat(lastOutput).contains("no role 'WIZARD'");
    assertThat(run("user", "list")).isZero();
    assertThat(lastOutput).contains("alice").contains("A").contains("READER").doesNotContain("argon2");
    assertThat(run("user", "apikey", "alice")).isZero();
    assertThat(lastOutput).containsPattern("lnk_[A-Za-z0-9_-]{8}_");

    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_STORAGE_PATH", dir.resolve("data").toString(), "LINNEA_HTTP_PORT", "0",
        "LINNEA_HTTP_BIND_ADDRESS", "127.0.0.1", "LINNEA_DICOM_PORT", "0", "LINNEA_DICOM_BIND_ADDRESS", "127.0.0.1"));
    try (Node node = Node.start(c)) {
      // Accounts existed: no initial administrator.
      assertThat(node.initialPassword()).isEmpty();
      Http http = new Http(node);
      String token = http.login("alice", alice);
      assertThat(http.get("/api/me", token).body()).contains("\"organisation\":\"A\"");
      // Changed while the node runs: the node sees it at once; the command audits into its own chain.
      assertThat(run("user", "passwd", "alice")).isZero();
      String second = oneTimePassword();
      assertThat(http.postLogin("alice", alice).statusCode()).isEqualTo(401);
      String fresh = http.login("alice", second);
      assertThat(fresh).startsWith("lns_");
      // A role change by the command applies to the open session at once; removal ends it.
      assertThat(http.get("/dicomweb/studies", fresh).statusCode()).isEqualTo(200);
      assertThat(run("user", "remove", "alice")).isZero();
      assertThat(http.get("/dicomweb/studies", fresh).statusCode()).isEqualTo(401);
      assertThat(run("user", "add", "alice", "--role", "UPLOADER", "--org", "A")).isZero();
      String third = oneTimePassword();
      assertThat(http.get("/dicomweb/studies", http.login("alice", third)).statusCode()).isEqualTo(403);
      assertThat(Files.exists(NodeSecurity.cliLog(c))).isTrue();
      assertThat(run("audit", "verify")).isZero();
    }
    assertThat(run("user", "remove", "alice")).isZero();
    assertThat(run("user", "remove", "alice")).isEqualTo(1);
    assertThat(lastOutput).contains("no account alice");

    assertThat(run("audit", "search", "--user", "alice")).isZero();
    assertThat(lastOutput).contains("110114").contains("record(s)");
    assertThat(run("audit", "search", "--user", System.getProperty("user.name"), "--from", "2000-01-01")).isZero();
    assertThat(lastOutput).contains("110101"); // the search before was recorded
    assertThat(run("audit", "verify")).isZero();
    assertThat(lastOutput).contains("intact");

    // Change one character of one record: verify names it and fails.
    Path log = NodeSecurity.nodeLog(c);
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    assertThat(lines.size()).isGreaterThan(3);
    String original = lines.get(2);
    lines.set(2, original.replaceFirst("\"recorded\":\"2", "\"recorded\":\"3"));
    assertThat(lines.get(2)).isNotEqualTo(original);
    Files.write(log, lines);
    assertThat(run("audit", "verify")).isEqualTo(1);
    assertThat(lastOutput).contains("NOT intact").contains("CHANGED").contains("record 3");
    // Remove one record instead.
    lines = new ArrayList<>(Files.readAllLines(log));
    lines.set(2, original);
    lines.remove(1);
    Files.write(log, lines);
    assertThat(run("audit", "verify")).isEqualTo(1);
    assertThat(lastOutput).contains("NOT intact").contains("MISSING at record 2");
  }
}
