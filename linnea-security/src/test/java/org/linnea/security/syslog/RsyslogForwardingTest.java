package org.linnea.security.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.security.audit.AuditMessage;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.audit.AuditRecord;
import org.linnea.security.audit.AuditXml;
import org.linnea.security.audit.FileAuditLog;
import org.linnea.security.testing.MutableClock;
import org.linnea.security.tls.CertificateAndKey;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;

/**
 * Audit messages forwarded over TLS to a real rsyslog (Debian's rsyslog and rsyslog-gnutls,
 * installed by .ci/run): rsyslogd runs as this test's own process with a configuration in a
 * temporary folder — imtcp with the gtls stream driver, a certificate made here, 127.0.0.1 on a
 * free port, writing the raw messages to a file — and is stopped by its PID.
 *
 * <p>Runs in the normal {@code mvn verify} (about a second); skipped only where rsyslogd is not
 * installed.
 */
class RsyslogForwardingTest {

  static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
  static final Path GTLS = Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so");

  @TempDir Path dir;

  @Test
  void auditMessagesArriveIntactOverTls() throws Exception {
    assumeThat(Files.isExecutable(RSYSLOGD)).as("rsyslogd installed (apt-get install rsyslog rsyslog-gnutls)").isTrue();
    assumeThat(Files.exists(GTLS) || Files.exists(Path.of("/usr/lib/rsyslog/lmnsd_gtls.so")))
        .as("rsyslog-gnutls installed").isTrue();
    CertificateAndKey cert = Certificates.selfSigned(List.of("127.0.0.1", "localhost"), Duration.ofDays(1));
    cert.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    Files.createDirectories(dir.resolve("work"));
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path out = dir.resolve("received.log");
    Path conf = dir.resolve("rsyslog.conf");
    Files.writeString(conf, String.join("\n",
        "$MaxMessageSize 64k",
        "global(workDirectory=\"" + dir.resolve("work") + "\"",
        "  defaultNetstreamDriver=\"gtls\"",
        "  defaultNetstreamDriverCAFile=\"" + dir.resolve("cert.pem") + "\"",
        "  defaultNetstreamDriverCertFile=\"" + dir.resolve("cert.pem") + "\"",
        "  defaultNetstreamDriverKeyFile=\"" + dir.resolve("key.pem") + "\")",
        "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")",
        "input(type=\"imtcp\" port=\"" + port + "\" address=\"127.0.0.1\")",
        "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")",
        "action(type=\"omfile\" file=\"" + out + "\" template=\"raw\")",
        ""));
    Path pidFile = dir.resolve("rsyslogd.pid");
    Process rsyslogd = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", conf.toString(), "-i", pidFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("rsyslogd.out").toFile())
        .start();
    try {
      awaitListening(port, rsyslogd, Duration.ofSeconds(15));
      MutableClock clock = new MutableClock();
      AuditMessages messages = new AuditMessages(AuditSource.of("linnea-node-1", "org1"), clock);
      List<AuditMessage> sent = new ArrayList<>();
      List<AuditRecord> records = new ArrayList<>();
      try (FileAuditLog log = FileAuditLog.open(dir.resolve("audit.jsonl"));
          SyslogForwarder f = new SyslogForwarder(new SyslogForwarder.Settings("127.0.0.1", port,
              TlsContext.client(cert.chain(), null), "linnea-node-1", "linnea", 1000, Duration.ofMillis(100)))) {
        for (int i = 0; i < 20; i++) {
          clock.advance(Duration.ofSeconds(1));
          AuditMessage m = i % 2 == 0
              ? messages.login("user" + i, "10.0.0." + i, i % 4 == 0, i % 4 == 0 ? null : "bad credentials")
              : messages.retrieve(SyslogForwarderTest.BOB, "PAT-" + i + "-Ä", "1.2.840.99." + i, true);
          AuditRecord r = log.append(m);
          f.send(r);
          sent.add(m);
          records.add(r);
        }
        assertThat(f.drain(Duration.ofSeconds(20))).as("forwarder drained; rsyslogd said: %s", rsyslogdOutput()).isTrue();
      }
      List<String> lines = waitForLines(out, sent.size(), Duration.ofSeconds(15));
      assertThat(lines).as("rsyslogd output: %s", rsyslogdOutput()).hasSize(sent.size());
      for (int i = 0; i < sent.size(); i++) {
        String line = lines.get(i);
        assertThat(line).startsWith("<85>1 ");
        assertThat(line).contains(" linnea-node-1 linnea ");
        assertThat(line).contains("[linnea@32473 seq=\"" + records.get(i).seq() + "\" hash=\"" + records.get(i).hash() + "\"]");
        assertThat(line).endsWith(AuditXml.write(sent.get(i)));
      }
    } finally {
      stop(rsyslogd, pidFile);
    }
  }

  private void awaitListening(int port, Process p, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoLinger(true, 0);
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("rsyslogd is not listening on " + port + ": " + rsyslogdOutput());
  }

  private String rsyslogdOutput() {
    try {
      return Files.readString(dir.resolve("rsyslogd.out"));
    } catch (IOException e) {
      return "(none)";
    }
  }

  private static List<String> waitForLines(Path file, int n, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() >= n) {
          return lines;
        }
      }
      Thread.sleep(50);
    }
    return lines;
  }

  /** Stops rsyslogd by the PID it wrote (falling back to the process we started), never by name. */
  private static void stop(Process p, Path pidFile) throws Exception {
    long pid = p.pid();
    if (Files.exists(pidFile)) {
      pid = Long.parseLong(Files.readString(pidFile).trim());
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }
}
