package org.linnea.app;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.linnea.app.config.Configuration;
import org.linnea.app.config.SecuritySettings;
import org.linnea.security.access.Principal;
import org.linnea.security.account.Account;
import org.linnea.security.account.AccountService;
import org.linnea.security.account.AccountStore;
import org.linnea.security.account.FileAccountStore;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditSink;
import org.linnea.security.syslog.SyslogForwarder;
import org.linnea.security.tls.Certificates;
import org.linnea.security.tls.TlsContext;
import org.linnea.security.audit.FileAuditLog;
import org.linnea.security.password.Argon2Parameters;
import org.linnea.security.password.PasswordHasher;
import org.linnea.security.throttle.LoginThrottle;
import org.linnea.security.token.BearerTokenValidator;
import org.linnea.security.token.ClaimMapping;
import org.linnea.security.token.JwkSetSource;
import org.linnea.security.token.RemoteJwkSet;

/**
 * The node's accounts and audit trail, kept under the data folder ({@code storage.path}):
 *
 * <ul>
 *   <li>{@code security/accounts.json}: the local accounts ({@link FileAccountStore}, Argon2id
 *       hashes only). The running node re-reads it when it changes, so that {@code ./linnea user …}
 *       works on a running node's folder.
 *   <li>{@code security/audit.log}: the hash-chained audit log of the running node.
 *   <li>{@code security/audit-cli.log}: a second chain, written by commands run while the node
 *       holds {@code audit.log} (one writer per chain). {@code ./linnea audit} reads both.
 * </ul>
 */
final class NodeSecurity implements AutoCloseable {
  final Configuration config;
  final FileAuditLog auditLog;
  /** The audit log, then the syslog collector when one is configured: where every event goes. */
  final AuditSink audit;
  final AuditMessages messages;
  final AccountService accounts;
  private final Optional<SyslogForwarder> syslog;
  private final AccountStore store;

  private NodeSecurity(Configuration config, FileAuditLog auditLog, AuditSink audit, Optional<SyslogForwarder> syslog, AuditMessages messages,
      AccountStore store, AccountService accounts) {
    this.store = store;
    this.config = config;
    this.auditLog = auditLog;
    this.audit = audit;
    this.syslog = syslog;
    this.messages = messages;
    this.accounts = accounts;
  }

  static Path folder(Configuration c) {
    return c.storagePath().resolve("security");
  }

  static Path nodeLog(Configuration c) {
    return folder(c).resolve("audit.log");
  }

  static Path cliLog(Configuration c) {
    return folder(c).resolve("audit-cli.log");
  }

  /** For {@code serve}: the node's own audit log, which it keeps open (and locked), forwarded to syslog when configured. */
  static NodeSecurity forNode(Configuration c) throws IOException {
    return open(c, FileAuditLog.open(nodeLog(c)), true);
  }

  /** For a command: the node's audit log when the node is stopped, else the commands' chain. */
  static NodeSecurity forCommand(Configuration c) throws IOException {
    FileAuditLog log;
    try {
      log = FileAuditLog.open(nodeLog(c));
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("open for writing elsewhere")) throw e;
      log = FileAuditLog.open(cliLog(c));
    }
    return open(c, log, false);
  }

  private static NodeSecurity open(Configuration c, FileAuditLog log, boolean forward) throws IOException {
    Optional<SyslogForwarder> syslog = Optional.empty();
    try {
      SecuritySettings s = c.security();
      AuditSink sink = log;
      if (forward && !s.syslogHost().isEmpty()) {
        TlsContext tls = s.syslogTls() ? TlsContext.client(Certificates.readCertificates(s.syslogCaFile().orElseThrow()), null) : null;
        SyslogForwarder f = new SyslogForwarder(new SyslogForwarder.Settings(s.syslogHost(), s.syslogPort(), tls, c.aeTitle(), "linnea", 10_000,
            Duration.ofSeconds(1)));
        syslog = Optional.of(f);
        sink = f.after(log);
      }
      AuditMessages messages = new AuditMessages(new AuditSource(c.aeTitle(), Optional.of(s.organisation()), List.of()), InstantSource.system());
      AccountStore store = new ReloadingStore(folder(c).resolve("accounts.json"));
      AccountService accounts = new AccountService(store, new PasswordHasher(Argon2Parameters.DEFAULT),
          new LoginThrottle(LoginThrottle.Settings.DEFAULT, InstantSource.system()), sink, messages, InstantSource.system());
      return new NodeSecurity(c, log, sink, syslog, messages, store, accounts);
    } catch (IOException | RuntimeException e) {
      syslog.ifPresent(SyslogForwarder::close);
      log.close();
      throw e;
    }
  }

  /**
   * A signed-in principal as its account is now: its current roles and organisation, or empty
   * when the account was removed or disabled since it signed in.
   */
  Optional<Principal> current(Principal p) {
    try {
      return store.find(p.name()).filter(a -> !a.disabled())
          .map(a -> new Principal(a.username(), p.kind(), a.organisation(), a.roles(), p.authentication(), p.address()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the account file: " + e.getMessage(), e);
    }
  }

  /** The operator at the command line, named by the OS user, as an administrator of the node's organisation. */
  Principal operator() {
    return Principal.local(System.getProperty("user.name"), config.security().organisation());
  }

  /** The bearer-token validator when a provider is configured. */
  Optional<BearerTokenValidator> oidc() throws IOException {
    SecuritySettings s = config.security();
    if (!s.oidcEnabled()) return Optional.empty();
    JwkSetSource keys;
    if (s.oidcJwksFile().isPresent()) {
      try {
        keys = JwkSetSource.fixed(JWKSet.load(s.oidcJwksFile().get().toFile()));
      } catch (java.text.ParseException e) {
        throw new IOException("security.oidc.jwksFile " + s.oidcJwksFile().get() + ": not a JWK set: " + e.getMessage(), e);
      }
    } else {
      keys = new RemoteJwkSet(s.oidcJwksUrl().orElseThrow(), Duration.ofMinutes(10), Duration.ofSeconds(30), InstantSource.system());
    }
    ClaimMapping claims = new ClaimMapping(s.oidcUsernameClaim(), s.oidcOrganisationClaim(), s.oidcRolesClaim(), Optional.of(s.organisation()), java.util.Map.of());
    BearerTokenValidator.Settings settings = new BearerTokenValidator.Settings(s.oidcIssuer(), s.oidcAudience(), BearerTokenValidator.DEFAULT_ALGORITHMS,
        Duration.ofSeconds(60), claims);
    return Optional.of(new BearerTokenValidator(settings, keys, InstantSource.system()));
  }

  @Override
  public void close() throws IOException {
    try {
      syslog.ifPresent(f -> f.close(Duration.ofSeconds(5)));
    } finally {
      auditLog.close();
    }
  }

  /** The syslog forwarder, when configured. */
  Optional<SyslogForwarder> syslog() {
    return syslog;
  }

  /**
   * The account file, re-read when another process (a {@code ./linnea user} command) replaced
   * it. The file is always replaced by an atomic rename, so a read sees one whole version.
   */
  static final class ReloadingStore implements AccountStore {
    private final Path file;
    private FileAccountStore store;
    private Object seen;

    ReloadingStore(Path file) throws IOException {
      this.file = file;
      reloadIfChanged();
    }

    private synchronized FileAccountStore current() throws IOException {
      reloadIfChanged();
      return store;
    }

    private void reloadIfChanged() throws IOException {
      Object now = stamp();
      if (store == null || !now.equals(seen)) {
        store = FileAccountStore.open(file);
        seen = now;
      }
    }

    private Object stamp() throws IOException {
      if (!Files.exists(file)) return List.of();
      FileTime t = Files.getLastModifiedTime(file);
      var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      return java.util.Arrays.asList(t, a.size(), a.fileKey());
    }

    @Override
    public Optional<Account> find(String username) throws IOException {
      return current().find(username);
    }

    @Override
    public Optional<Account> findByApiKeyPrefix(String prefix) throws IOException {
      return current().findByApiKeyPrefix(prefix);
    }

    @Override
    public List<Account> list() throws IOException {
      return current().list();
    }

    @Override
    public synchronized void put(Account account) throws IOException {
      current().put(account);
      seen = stamp();
    }

    @Override
    public synchronized boolean remove(String username) throws IOException {
      boolean r = current().remove(username);
      seen = stamp();
      return r;
    }
  }
}
