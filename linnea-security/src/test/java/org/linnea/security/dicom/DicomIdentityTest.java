package org.linnea.security.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;
import org.linnea.security.access.Role;
import org.linnea.security.account.AccountService;
import org.linnea.security.account.FileAccountStore;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditSink;
import org.linnea.security.password.Argon2Parameters;
import org.linnea.security.password.PasswordHasher;
import org.linnea.security.testing.MutableClock;
import org.linnea.security.throttle.LoginThrottle;

class DicomIdentityTest {

  @TempDir Path dir;

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void allowListNeedsTitleAndAddress() throws Exception {
    CallingAeAllowList list = new CallingAeAllowList(List.of(
        new AllowedPeer("CT_1", List.of("10.1.2.3"), "orgA", Set.of(Role.UPLOADER)),
        new AllowedPeer("WS", List.of("10.2.0.0/16", "fd00::/8"), "orgB", Set.of(Role.READER))));
    Principal ct = list.admit("CT_1 ", ip("10.1.2.3")).orElseThrow();
    assertThat(ct.kind()).isEqualTo(Kind.MACHINE);
    assertThat(ct.organisation()).isEqualTo("orgA");
    assertThat(ct.roles()).containsExactly(Role.UPLOADER);
    assertThat(ct.authentication()).isEqualTo(Authentication.DICOM_AE_TITLE);
    assertThat(list.admit("CT_1", ip("10.1.2.4"))).isEmpty();
    assertThat(list.admit("CT_2", ip("10.1.2.3"))).isEmpty();
    assertThat(list.admit("WS", ip("10.2.255.1"))).isPresent();
    assertThat(list.admit("WS", ip("10.3.0.1"))).isEmpty();
    assertThat(list.admit("WS", ip("fd12::1"))).isPresent();
    assertThat(list.admit("WS", ip("fe80::1"))).isEmpty();
    assertThatThrownBy(() -> new AllowedPeer("X", List.of(), "o", Set.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AllowedPeer("X", List.of("example.org"), "o", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AllowedPeer("X", List.of("10.0.0.0/33"), "o", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void userIdentityUsernamePasscode() throws Exception {
    MutableClock clock = new MutableClock();
    AccountService accounts = new AccountService(FileAccountStore.open(dir.resolve("a.json")),
        new PasswordHasher(Argon2Parameters.FOR_TESTS_ONLY), new LoginThrottle(LoginThrottle.Settings.DEFAULT, clock),
        AuditSink.NONE, new AuditMessages(AuditSource.of("n", "orgA"), clock), clock);
    Principal admin = new Principal("root", Kind.USER, "orgA", Set.of(Role.ADMINISTRATOR), Authentication.LOCAL,
        Optional.empty());
    accounts.add(admin, "rad1", "orgA", Set.of(Role.READER), "radiologist password".toCharArray());
    UserIdentityVerifier v = new UserIdentityVerifier(accounts, null);
    byte[] passcode = "radiologist password".getBytes(StandardCharsets.UTF_8);
    UserIdentityVerifier.Result ok = v.verify(2, "rad1".getBytes(StandardCharsets.UTF_8), passcode, "10.0.0.1");
    assertThat(ok.principal().orElseThrow().authentication()).isEqualTo(Authentication.DICOM_USER_IDENTITY);
    assertThat(ok.principal().get().roles()).containsExactly(Role.READER);
    assertThat(passcode).containsOnly((byte) 0);
    assertThat(v.verify(2, "rad1".getBytes(StandardCharsets.UTF_8), "wrong".getBytes(StandardCharsets.UTF_8), "h")
        .principal()).isEmpty();
    assertThat(v.verify(1, "rad1".getBytes(StandardCharsets.UTF_8), null, "h").reason()).contains("type 1");
    assertThat(v.verify(5, "a.b.c".getBytes(StandardCharsets.UTF_8), null, "h").reason()).contains("OpenID");
    assertThat(v.verify(3, new byte[] {1}, null, "h").reason()).contains("not supported");
    assertThat(v.verify(2, new byte[] {(byte) 0xff}, new byte[] {1}, "h").reason()).contains("UTF-8");
  }
}
