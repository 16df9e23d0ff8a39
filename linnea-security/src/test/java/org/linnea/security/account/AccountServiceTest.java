package org.linnea.security.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;
import org.linnea.security.access.Role;
import org.linnea.security.audit.AuditCode;
import org.linnea.security.audit.AuditMessage;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.password.Argon2Parameters;
import org.linnea.security.password.PasswordHasher;
import org.linnea.security.testing.CapturedLog;
import org.linnea.security.testing.MutableClock;
import org.linnea.security.throttle.LoginThrottle;

class AccountServiceTest {

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final List<AuditMessage> audited = new ArrayList<>();
  private final Principal admin = new Principal("root", Kind.USER, "org1", Set.of(Role.ADMINISTRATOR),
      Authentication.LOCAL, Optional.empty());
  private FileAccountStore store;
  private AccountService service;

  @BeforeEach
  void setUp() throws Exception {
    store = FileAccountStore.open(dir.resolve("accounts.json"));
    service = service(store, Argon2Parameters.FOR_TESTS_ONLY);
  }

  private AccountService service(AccountStore s, Argon2Parameters p) {
    return new AccountService(s, new PasswordHasher(p),
        new LoginThrottle(LoginThrottle.Settings.DEFAULT, clock), audited::add,
        new AuditMessages(AuditSource.of("node1", "org1"), clock), clock);
  }

  @Test
  void addLoginPasswdRemove() throws Exception {
    assertThat(service.add(admin, "alice", "org1", Set.of(Role.READER), "a long password 1".toCharArray())).isEmpty();
    LoginResult r = service.login("alice", "a long password 1".toCharArray(), "10.0.0.5");
    assertThat(r.succeeded()).isTrue();
    Principal p = r.principal().orElseThrow();
    assertThat(p.organisation()).isEqualTo("org1");
    assertThat(p.roles()).containsExactly(Role.READER);
    assertThat(p.authentication()).isEqualTo(Authentication.PASSWORD);
    assertThat(p.address()).contains("10.0.0.5");

    char[] otp = service.passwd(admin, "alice", null).orElseThrow();
    assertThat(otp).hasSize(20);
    assertThat(service.login("alice", "a long password 1".toCharArray(), "10.0.0.5").succeeded()).isFalse();
    assertThat(service.login("alice", otp, "10.0.0.5").succeeded()).isTrue();

    assertThat(service.list()).extracting(Account::username).containsExactly("alice");
    assertThat(service.remove(admin, "alice")).isTrue();
    assertThat(service.remove(admin, "alice")).isFalse();
    assertThat(service.login("alice", otp, "10.0.0.5").failure()).contains(LoginResult.Failure.BAD_CREDENTIALS);
  }

  @Test
  void refusesDuplicatesAndShortPasswords() throws Exception {
    service.add(admin, "bob", "org1", Set.of(Role.READER), null);
    assertThatThrownBy(() -> service.add(admin, "bob", "org1", Set.of(), null)).isInstanceOf(AccountException.class);
    assertThatThrownBy(() -> service.add(admin, "carl", "org1", Set.of(), "short".toCharArray()))
        .hasMessageContaining("12 characters");
    assertThatThrownBy(() -> service.add(admin, "bad name", "org1", Set.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void persistsHashesOnlyAndReloads() throws Exception {
    service.add(admin, "dora", "org2", Set.of(Role.UPLOADER, Role.READER), "dora's secret pw".toCharArray());
    String key = service.createApiKey(admin, "dora", "CT 2");
    String file = Files.readString(store.file());
    assertThat(file).doesNotContain("dora's secret pw").doesNotContain(key).contains("$argon2id$");
    assertThat(Files.getPosixFilePermissions(store.file()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("accounts.json");
    }

    FileAccountStore reopened = FileAccountStore.open(store.file());
    Account a = reopened.find("dora").orElseThrow();
    assertThat(a.organisation()).isEqualTo("org2");
    assertThat(a.roles()).containsExactlyInAnyOrder(Role.UPLOADER, Role.READER);
    assertThat(a.apiKeys()).hasSize(1);
    assertThat(a.toString()).doesNotContain("argon2");
    assertThat(service(reopened, Argon2Parameters.FOR_TESTS_ONLY)
        .login("dora", "dora's secret pw".toCharArray(), "h").succeeded()).isTrue();
  }

  @Test
  void apiKeysAuthenticateMachines() throws Exception {
    service.addMachine(admin, "ct-scanner", "org1", Set.of(Role.UPLOADER));
    String key = service.createApiKey(admin, "ct-scanner", "CT");
    LoginResult r = service.loginWithApiKey(key, "10.1.1.1");
    assertThat(r.succeeded()).isTrue();
    assertThat(r.principal().get().kind()).isEqualTo(Kind.MACHINE);
    assertThat(r.principal().get().authentication()).isEqualTo(Authentication.API_KEY);
    // The last character changed (to one it is not: a fixed replacement would be the same 1 time in 64).
    char last = key.charAt(key.length() - 1);
    String wrong = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(service.loginWithApiKey(wrong, "10.1.1.1").succeeded()).isFalse();
    assertThat(service.loginWithApiKey("garbage", "10.1.1.1").succeeded()).isFalse();
    String prefix = key.substring(4, 12);
    assertThat(service.revokeApiKey(admin, "ct-scanner", prefix)).isTrue();
    assertThat(service.loginWithApiKey(key, "10.1.1.1").succeeded()).isFalse();
    // no password: password login impossible
    assertThat(service.login("ct-scanner", "anything at all".toCharArray(), "h").succeeded()).isFalse();
  }

  @Test
  void damagedAccountFileIsAnErrorNotAnEmptyStore() throws Exception {
    Path file = dir.resolve("damaged.json");
    Files.writeString(file, "{\"version\":1,\"accounts\":[{\"username\":\"x\",\"roles\":[\"GOD\"]}]}");
    assertThatThrownBy(() -> FileAccountStore.open(file)).isInstanceOf(java.io.IOException.class);
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> FileAccountStore.open(file)).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void nullPasswordIsABadCredential() throws Exception {
    service.add(admin, "nina", "org1", Set.of(Role.READER), "nina's long password".toCharArray());
    assertThat(service.login("nina", null, "h").failure()).contains(LoginResult.Failure.BAD_CREDENTIALS);
  }

  @Test
  void disabledAccountsCannotLogIn() throws Exception {
    service.add(admin, "eve", "org1", Set.of(Role.READER), "eve's long password".toCharArray());
    service.setDisabled(admin, "eve", true);
    assertThat(service.login("eve", "eve's long password".toCharArray(), "h").failure())
        .contains(LoginResult.Failure.DISABLED);
  }

  @Test
  void throttlesAfterFailures() throws Exception {
    service.add(admin, "fred", "org1", Set.of(Role.READER), "fred's long password".toCharArray());
    for (int i = 0; i < 4; i++) {
      service.login("fred", "wrong password!".toCharArray(), "10.6.6.6");
    }
    LoginResult r = service.login("fred", "fred's long password".toCharArray(), "10.6.6.6");
    assertThat(r.failure()).contains(LoginResult.Failure.THROTTLED);
    assertThat(r.retryAfter()).isPositive();
    clock.advance(Duration.ofSeconds(2));
    assertThat(service.login("fred", "fred's long password".toCharArray(), "10.7.7.7").succeeded()).isTrue();
  }

  @Test
  void rehashesOnLoginWhenParametersChanged() throws Exception {
    service.add(admin, "gina", "org1", Set.of(Role.READER), "gina's long password".toCharArray());
    String before = store.find("gina").orElseThrow().passwordHash().orElseThrow();
    Argon2Parameters stronger = new Argon2Parameters(128, 2, 1);
    AccountService upgraded = service(store, stronger);
    assertThat(upgraded.login("gina", "gina's long password".toCharArray(), "h").succeeded()).isTrue();
    String after = store.find("gina").orElseThrow().passwordHash().orElseThrow();
    assertThat(after).isNotEqualTo(before).contains("m=128,t=2,p=1");
    assertThat(upgraded.login("gina", "gina's long password".toCharArray(), "h").succeeded()).isTrue();
  }

  @Test
  void initialAdministratorOnlyOnEmptyStore() throws Exception {
    char[] otp = service.ensureInitialAdministrator("admin", "org1").orElseThrow();
    assertThat(service.login("admin", otp, "127.0.0.1").principal().orElseThrow().roles())
        .containsExactly(Role.ADMINISTRATOR);
    assertThat(service.ensureInitialAdministrator("admin", "org1")).isEmpty();
  }

  @Test
  void loginsAndChangesAreAudited() throws Exception {
    service.add(admin, "hugo", "org1", Set.of(Role.READER), "hugo's long password".toCharArray());
    service.login("hugo", "not hugo's password".toCharArray(), "10.0.0.9");
    service.login("hugo", "hugo's long password".toCharArray(), "10.0.0.9");
    assertThat(audited).hasSize(3);
    assertThat(audited.get(0).event().eventId()).isEqualTo(AuditCode.SECURITY_ALERT);
    AuditMessage failed = audited.get(1);
    assertThat(failed.event().eventId()).isEqualTo(AuditCode.USER_AUTHENTICATION);
    assertThat(failed.event().eventTypes()).containsExactly(AuditCode.LOGIN);
    assertThat(failed.event().outcome()).isEqualTo(AuditMessage.Outcome.MINOR_FAILURE);
    assertThat(failed.participants().get(0).userId()).isEqualTo("hugo");
    assertThat(failed.participants().get(0).networkAccessPointId()).contains("10.0.0.9");
    assertThat(audited.get(2).event().outcome()).isEqualTo(AuditMessage.Outcome.SUCCESS);
  }

  /** Secrets never appear in log lines: a failed login with a password, captured SLF4J output. */
  @Test
  void passwordsNeverReachTheLog() throws Exception {
    CapturedLog.clear();
    String password = "Tr0ub4dor&3-unique-marker";
    service.add(admin, "ivan", "org1", Set.of(Role.READER), (password + "-right").toCharArray());
    service.login("ivan", password.toCharArray(), "10.0.0.8");
    service.login("nobody", password.toCharArray(), "10.0.0.8");
    service.passwd(admin, "ivan", (password + "-new").toCharArray());
    String key = service.createApiKey(admin, "ivan", "k");
    service.loginWithApiKey(key.substring(0, key.length() - 2) + "xx", "10.0.0.8");
    String log = CapturedLog.text();
    assertThat(log).contains("login for ivan from 10.0.0.8 failed");
    assertThat(log).doesNotContain(password).doesNotContain("Tr0ub4dor").doesNotContain(key.substring(13))
        .doesNotContain("$argon2id$");
  }
}
