package org.linnea.security.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Role;
import org.linnea.security.audit.AuditMessage;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditRecord;
import org.linnea.security.audit.AuditXml;
import org.linnea.security.testing.MutableClock;
import org.linnea.security.tls.CertificateAndKey;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;
import org.linnea.security.tls.TlsSettings;

/** The forwarder against collectors made in the test: framing, TLS, reconnect, the bounded queue. */
class SyslogForwarderTest {

  static final AuditMessages MESSAGES = new AuditMessages(AuditSource.of("node1", "org1"), new MutableClock());

  static final Principal BOB = new Principal("bob", Principal.Kind.USER, "org1", Set.of(Role.READER),
      Principal.Authentication.PASSWORD, Optional.of("10.0.0.2"));

  static SyslogForwarder.Settings settings(int port, TlsContext tls, int capacity) {
    return new SyslogForwarder.Settings("127.0.0.1", port, tls, "node1", "linnea", capacity, Duration.ofMillis(50));
  }

  /** Reads RFC 5425 frames from a socket until it closes. */
  static void readFrames(Socket s, List<String> out) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    while (true) {
      ByteArrayOutputStream len = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != ' ') {
        if (c < 0) {
          return;
        }
        assertThat((char) c).isBetween('0', '9');
        len.write(c);
      }
      byte[] msg = new byte[Integer.parseInt(len.toString(StandardCharsets.US_ASCII))];
      try {
        in.readFully(msg);
      } catch (EOFException e) {
        return;
      }
      out.add(new String(msg, StandardCharsets.UTF_8));
    }
  }

  @Test
  void framesAndFormatOverTls() throws Exception {
    CertificateAndKey cert = Certificates.selfSigned(List.of("127.0.0.1"), Duration.ofDays(1));
    TlsContext server = TlsContext.of(cert, List.of(), TlsSettings.defaults());
    List<String> received = new CopyOnWriteArrayList<>();
    try (SSLServerSocket ss = server.serverSocket(InetAddress.getLoopbackAddress(), 0, 5)) {
      Thread t = new Thread(() -> {
        try (Socket s = ss.accept()) {
          readFrames(s, received);
        } catch (IOException e) {
          // closed
        }
      });
      t.start();
      AuditMessage login = MESSAGES.login("alice", "10.0.0.1", false, "bad credentials");
      AuditMessage export = MESSAGES.export(BOB, "PAT-ü", "1.2.3", "CD", true);
      try (SyslogForwarder f = new SyslogForwarder(settings(ss.getLocalPort(), TlsContext.client(cert.chain(), null), 100))) {
        f.record(login);
        f.send(new AuditRecord(7, AuditRecord.GENESIS, login.event().dateTime(), export, "ab".repeat(32)));
        assertThat(f.drain(Duration.ofSeconds(10))).isTrue();
        assertThat(f.sent()).isEqualTo(2);
      }
      t.join(5000);
    }
    assertThat(received).hasSize(2);
    String first = received.get(0);
    assertThat(first).matches("<85>1 \\S+Z node1 linnea \\d+ IHE\\+RFC-3881 - \uFEFF<AuditMessage>.*</AuditMessage>");
    assertThat(first).endsWith(AuditXml.write(MESSAGES.login("alice", "10.0.0.1", false, "bad credentials")));
    assertThat(received.get(1)).contains("[linnea@32473 seq=\"7\" hash=\"" + "ab".repeat(32) + "\"]")
        .contains("ParticipantObjectID=\"PAT-ü\"");
  }

  @Test
  void reconnectsWhenTheCollectorComesBack() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    List<String> received = new CopyOnWriteArrayList<>();
    try (SyslogForwarder f = new SyslogForwarder(settings(port, null, 100))) {
      for (int i = 0; i < 5; i++) {
        f.record(MESSAGES.login("user" + i, "h", true, null));
      }
      Thread.sleep(300); // nobody listens yet: the forwarder keeps the messages and retries
      assertThat(f.sent()).isZero();
      try (ServerSocket ss = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
        Thread t = new Thread(() -> {
          try (Socket s = ss.accept()) {
            readFrames(s, received);
          } catch (IOException e) {
            // closed
          }
        });
        t.start();
        assertThat(f.drain(Duration.ofSeconds(10))).isTrue();
        f.close(Duration.ofSeconds(1));
        t.join(5000);
      }
    }
    assertThat(received).hasSize(5);
    List<String> users = new ArrayList<>();
    for (String r : received) {
      users.add(r.replaceAll(".*UserID=\"(user\\d)\".*", "$1"));
    }
    assertThat(users).containsExactly("user0", "user1", "user2", "user3", "user4");
  }

  @Test
  void fullQueueDropsAndCounts() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (SyslogForwarder f = new SyslogForwarder(settings(port, null, 2))) {
      for (int i = 0; i < 10; i++) {
        f.record(MESSAGES.applicationActivity(true));
      }
      assertThat(f.dropped()).isBetween(7L, 8L);
      f.close(Duration.ZERO);
    }
  }
}
