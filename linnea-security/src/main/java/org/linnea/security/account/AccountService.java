package org.linnea.security.account;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;
import org.linnea.security.access.Role;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditSink;
import org.linnea.security.password.ApiKeys;
import org.linnea.security.password.PasswordHasher;
import org.linnea.security.throttle.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local accounts: what {@code ./linnea user add|passwd|list|remove} and the login endpoints call.
 *
 * <p>Every change is audited (110113 Security Alert with 110137/110136) and every login attempt
 * too (110114 User Authentication), through the {@link AuditSink} given. Log lines name the user
 * and address, never a password, key or hash.
 *
 * <p>Logins: throttled first (a locked user name or address is refused without looking at the
 * password); an unknown user name costs the same Argon2 work as a known one, so timing does not
 * tell which names exist; a hash made with older parameters is replaced at the next successful
 * login. Thread-safe (changes are serialised).
 */
public final class AccountService {

  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
  private static final char[] PASSWORD_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  private final AccountStore store;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final AuditSink audit;
  private final AuditMessages messages;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final String dummyHash;

  public AccountService(
      AccountStore store,
      PasswordHasher hasher,
      LoginThrottle throttle,
      AuditSink audit,
      AuditMessages messages,
      InstantSource clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dummyHash = hasher.hash("not a password of anyone".toCharArray());
  }

  /**
   * Adds an account. {@code password} may be null: then a random one-time password is made and
   * returned (to show once); with a password given, empty is returned.
   *
   * @throws AccountException if the account exists or the password is too short
   */
  public synchronized Optional<char[]> add(
      Principal by, String username, String organisation, Set<Role> roles, char[] password)
      throws IOException {
    Account.requireName(username, "username");
    if (store.find(username).isPresent()) {
      throw new AccountException("account " + username + " exists already");
    }
    char[] pw = password != null ? password : generatePassword();
    checkPassword(pw);
    var now = clock.instant();
    Account a = new Account(username, organisation, roles, false, now, now,
        Optional.of(hasher.hash(pw)), List.of());
    store.put(a);
    audit.record(messages.accountChange(by, username, "account added with roles " + roles, true));
    LOG.info("account {} added to organisation {} with roles {} by {}", username, organisation, roles, by.name());
    return password != null ? Optional.empty() : Optional.of(pw);
  }

  /** Adds a machine account (no password), for API keys. */
  public synchronized void addMachine(Principal by, String username, String organisation, Set<Role> roles)
      throws IOException {
    Account.requireName(username, "username");
    if (store.find(username).isPresent()) {
      throw new AccountException("account " + username + " exists already");
    }
    var now = clock.instant();
    store.put(new Account(username, organisation, roles, false, now, now, Optional.empty(), List.of()));
    audit.record(messages.accountChange(by, username, "machine account added with roles " + roles, true));
    LOG.info("machine account {} added to organisation {} with roles {} by {}", username, organisation, roles, by.name());
  }

  /** Sets a new password; null makes a random one-time password and returns it. */
  public synchronized Optional<char[]> passwd(Principal by, String username, char[] password)
      throws IOException {
    Account a = require(username);
    char[] pw = password != null ? password : generatePassword();
    checkPassword(pw);
    store.put(a.withPasswordHash(hasher.hash(pw), clock.instant()));
    audit.record(messages.accountChange(by, username, "password changed", false));
    LOG.info("password of {} changed by {}", username, by.name());
    return password != null ? Optional.empty() : Optional.of(pw);
  }

  /** Replaces the roles of an account. */
  public synchronized void setRoles(Principal by, String username, Set<Role> roles) throws IOException {
    Account a = require(username);
    store.put(a.withRoles(roles, clock.instant()));
    audit.record(messages.accountChange(by, username, "roles set to " + roles, true));
    LOG.info("roles of {} set to {} by {}", username, roles, by.name());
  }

  /** Disables or enables an account. */
  public synchronized void setDisabled(Principal by, String username, boolean disabled) throws IOException {
    Account a = require(username);
    store.put(a.withDisabled(disabled, clock.instant()));
    audit.record(messages.accountChange(by, username, disabled ? "disabled" : "enabled", false));
    LOG.info("account {} {} by {}", username, disabled ? "disabled" : "enabled", by.name());
  }

  /** All accounts (hashes included: callers print {@link Account#toString()}, which hides them). */
  public List<Account> list() throws IOException {
    return store.list();
  }

  /** Removes an account; false when there was none. */
  public synchronized boolean remove(Principal by, String username) throws IOException {
    boolean removed = store.remove(username);
    if (removed) {
      audit.record(messages.accountChange(by, username, "account removed", true));
      LOG.info("account {} removed by {}", username, by.name());
    }
    return removed;
  }

  /**
   * Makes a new API key for an account and returns it — the only time the key is seen. Only its
   * hash is stored.
   */
  public synchronized String createApiKey(Principal by, String username, String label) throws IOException {
    Account a = require(username);
    ApiKeys.NewApiKey k = ApiKeys.generate();
    List<ApiKey> keys = new ArrayList<>(a.apiKeys());
    keys.add(new ApiKey(k.prefix(), k.sha256Hex(), label, clock.instant()));
    store.put(a.withApiKeys(keys, clock.instant()));
    audit.record(messages.accountChange(by, username, "API key " + k.prefix() + " added", false));
    LOG.info("API key {} ({}) added to {} by {}", k.prefix(), label, username, by.name());
    return k.key();
  }

  /** Revokes the API key with that prefix; false when the account has none. */
  public synchronized boolean revokeApiKey(Principal by, String username, String prefix) throws IOException {
    Account a = require(username);
    List<ApiKey> keys = new ArrayList<>(a.apiKeys());
    if (!keys.removeIf(k -> k.prefix().equals(prefix))) {
      return false;
    }
    store.put(a.withApiKeys(keys, clock.instant()));
    audit.record(messages.accountChange(by, username, "API key " + prefix + " revoked", false));
    LOG.info("API key {} of {} revoked by {}", prefix, username, by.name());
    return true;
  }

  /**
   * On first start: when there is no account at all, adds {@code username} as an administrator of
   * {@code organisation} with a random one-time password and returns it, for the caller to print
   * once. With accounts present, returns empty. A fresh node has no open door.
   */
  public synchronized Optional<char[]> ensureInitialAdministrator(String username, String organisation)
      throws IOException {
    if (!store.list().isEmpty()) {
      return Optional.empty();
    }
    Principal system = new Principal("linnea", Kind.MACHINE, organisation, Set.of(Role.ADMINISTRATOR),
        Authentication.LOCAL, Optional.empty());
    return add(system, username, organisation, Set.of(Role.ADMINISTRATOR), null);
  }

  /**
   * Checks a user name and password from an address. Audits the attempt, counts failures in the
   * throttle, and re-hashes the password when the stored hash used other parameters.
   */
  public LoginResult login(String username, char[] givenPassword, String address) throws IOException {
    char[] password = givenPassword == null ? new char[0] : givenPassword;
    LoginThrottle.Decision d = throttle.check(username, address);
    if (!d.allowed()) {
      LOG.warn("login for {} from {} refused: throttled by {} for {} s", username, address,
          d.lockedBy(), d.retryAfter().toSeconds());
      audit.record(messages.login(username, address, false, "throttled"));
      return LoginResult.throttled(d.retryAfter());
    }
    Optional<Account> found = store.find(username);
    String hash = found.flatMap(Account::passwordHash).orElse(dummyHash);
    boolean ok = hasher.verify(password, hash) && found.flatMap(Account::passwordHash).isPresent();
    if (!ok) {
      throttle.recordFailure(username, address);
      // user name and address only: never the password, not even its length
      LOG.warn("login for {} from {} failed: bad credentials", username, address);
      audit.record(messages.login(username, address, false, "bad credentials"));
      return LoginResult.failed(LoginResult.Failure.BAD_CREDENTIALS);
    }
    Account a = found.get();
    if (a.disabled()) {
      LOG.warn("login for {} from {} refused: account disabled", username, address);
      audit.record(messages.login(username, address, false, "account disabled"));
      return LoginResult.failed(LoginResult.Failure.DISABLED);
    }
    throttle.recordSuccess(username);
    if (hasher.needsRehash(hash)) {
      synchronized (this) {
        store.find(username).filter(cur -> cur.passwordHash().equals(Optional.of(hash))).ifPresent(cur -> {
          try {
            store.put(cur.withPasswordHash(hasher.hash(password), clock.instant()));
            LOG.info("password hash of {} renewed with parameters {}", username, hasher.parameters().phc());
          } catch (IOException e) {
            LOG.warn("could not renew the password hash of {}: {}", username, e.toString());
          }
        });
      }
    }
    audit.record(messages.login(username, address, true, null));
    LOG.info("login of {} from {}", username, address);
    return LoginResult.success(new Principal(a.username(), Kind.USER, a.organisation(), a.roles(),
        Authentication.PASSWORD, Optional.ofNullable(address)));
  }

  /** Checks an API key from an address; the principal is a machine. */
  public LoginResult loginWithApiKey(String key, String address) throws IOException {
    Optional<String> prefix = ApiKeys.prefixOf(key);
    String throttleName = "apikey:" + prefix.orElse("malformed");
    LoginThrottle.Decision d = throttle.check(throttleName, address);
    if (!d.allowed()) {
      LOG.warn("API key {} from {} refused: throttled for {} s", prefix.orElse("(malformed)"), address,
          d.retryAfter().toSeconds());
      audit.record(messages.login(throttleName, address, false, "throttled"));
      return LoginResult.throttled(d.retryAfter());
    }
    Optional<Account> found = prefix.isPresent() ? store.findByApiKeyPrefix(prefix.get()) : Optional.empty();
    Optional<ApiKey> match = found.flatMap(a -> a.apiKeys().stream()
        .filter(k -> k.prefix().equals(prefix.get()) && ApiKeys.matches(key, k.sha256Hex()))
        .findFirst());
    if (match.isEmpty()) {
      throttle.recordFailure(throttleName, address);
      LOG.warn("API key {} from {} refused: unknown key", prefix.orElse("(malformed)"), address);
      audit.record(messages.login(throttleName, address, false, "unknown API key"));
      return LoginResult.failed(LoginResult.Failure.BAD_CREDENTIALS);
    }
    Account a = found.get();
    if (a.disabled()) {
      audit.record(messages.login(a.username(), address, false, "account disabled"));
      return LoginResult.failed(LoginResult.Failure.DISABLED);
    }
    throttle.recordSuccess(throttleName);
    audit.record(messages.login(a.username(), address, true, "API key " + prefix.get()));
    return LoginResult.success(new Principal(a.username(), Kind.MACHINE, a.organisation(), a.roles(),
        Authentication.API_KEY, Optional.ofNullable(address)));
  }

  private Account require(String username) throws IOException {
    return store.find(username).orElseThrow(() -> new AccountException("no account " + username));
  }

  private static void checkPassword(char[] pw) {
    if (pw.length < 12) {
      throw new AccountException("a password must have at least 12 characters");
    }
    if (pw.length > 1024) {
      throw new AccountException("a password must have at most 1024 characters");
    }
  }

  /** 20 characters of a 56-letter alphabet without look-alikes: about 116 bits. */
  char[] generatePassword() {
    char[] pw = new char[20];
    for (int i = 0; i < pw.length; i++) {
      pw[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
    }
    return pw;
  }

  /** Wipes a password the caller no longer needs. */
  public static void wipe(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
