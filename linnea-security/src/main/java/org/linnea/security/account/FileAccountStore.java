package org.linnea.security.account;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.linnea.security.access.Role;

/**
 * Accounts in one JSON file, read once and kept in memory, replaced whole on every change:
 * written to a temporary file in the same folder, fsynced, renamed over the old one (atomic), and
 * the folder fsynced so the rename itself survives a crash. A reader therefore sees the old file
 * or the new one, never half of one. The file is created readable by its owner only (where the
 * file system has POSIX permissions); it holds hashes, never passwords or keys.
 *
 * <pre>{"version":1,"accounts":[{"username":"alice","organisation":"org1","roles":["READER"],
 *  "disabled":false,"created":"…","changed":"…","password":"$argon2id$v=19$…",
 *  "apiKeys":[{"prefix":"abcd2345","sha256":"…","label":"…","created":"…"}]}]}</pre>
 *
 * <p>Meant for the embedded default (tens to a few thousand accounts); the archive's JDBC store
 * is the one for many. Thread-safe; one process per file.
 */
public final class FileAccountStore implements AccountStore {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Path file;
  private final TreeMap<String, Account> accounts = new TreeMap<>();

  private FileAccountStore(Path file) {
    this.file = file;
  }

  /** Opens the store in {@code file}; a missing file is an empty store (created at first put). */
  public static FileAccountStore open(Path file) throws IOException {
    FileAccountStore s = new FileAccountStore(file.toAbsolutePath());
    if (Files.exists(file)) {
      for (Account a : read(file)) {
        s.accounts.put(a.username(), a);
      }
    }
    return s;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized Optional<Account> find(String username) {
    return Optional.ofNullable(accounts.get(username));
  }

  @Override
  public synchronized Optional<Account> findByApiKeyPrefix(String prefix) {
    for (Account a : accounts.values()) {
      for (ApiKey k : a.apiKeys()) {
        if (k.prefix().equals(prefix)) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized List<Account> list() {
    return List.copyOf(accounts.values());
  }

  @Override
  public synchronized void put(Account account) throws IOException {
    TreeMap<String, Account> next = new TreeMap<>(accounts);
    next.put(account.username(), account);
    write(next.values());
    accounts.put(account.username(), account);
  }

  @Override
  public synchronized boolean remove(String username) throws IOException {
    if (!accounts.containsKey(username)) {
      return false;
    }
    TreeMap<String, Account> next = new TreeMap<>(accounts);
    next.remove(username);
    write(next.values());
    accounts.remove(username);
    return true;
  }

  private void write(Iterable<Account> all) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's permissions must protect it
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
          g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
          g.useDefaultPrettyPrinter();
          g.writeStartObject();
          g.writeNumberField("version", 1);
          g.writeArrayFieldStart("accounts");
          for (Account a : all) {
            writeAccount(g, a);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory; the rename is still atomic there
    }
  }

  private static void writeAccount(JsonGenerator g, Account a) throws IOException {
    g.writeStartObject();
    g.writeStringField("username", a.username());
    g.writeStringField("organisation", a.organisation());
    g.writeArrayFieldStart("roles");
    for (Role r : a.roles().stream().sorted().toList()) {
      g.writeString(r.name());
    }
    g.writeEndArray();
    g.writeBooleanField("disabled", a.disabled());
    g.writeStringField("created", a.created().toString());
    g.writeStringField("changed", a.changed().toString());
    if (a.passwordHash().isPresent()) {
      g.writeStringField("password", a.passwordHash().get());
    }
    g.writeArrayFieldStart("apiKeys");
    for (ApiKey k : a.apiKeys()) {
      g.writeStartObject();
      g.writeStringField("prefix", k.prefix());
      g.writeStringField("sha256", k.sha256Hex());
      g.writeStringField("label", k.label());
      g.writeStringField("created", k.created().toString());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static List<Account> read(Path file) throws IOException {
    List<Account> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      expect(p.nextToken(), JsonToken.START_OBJECT, file);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("accounts")) {
          expect(p.currentToken(), JsonToken.START_ARRAY, file);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            out.add(readAccount(p, file));
          }
        } else if (name.equals("version")) {
          if (p.getIntValue() != 1) {
            throw new IOException(file + ": unknown account file version " + p.getText());
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static Account readAccount(JsonParser p, Path file) throws IOException {
    String username = null;
    String organisation = null;
    Set<Role> roles = EnumSet.noneOf(Role.class);
    boolean disabled = false;
    Instant created = null;
    Instant changed = null;
    String password = null;
    List<ApiKey> keys = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "username" -> username = p.getText();
        case "organisation" -> organisation = p.getText();
        case "roles" -> {
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            String r = p.getText();
            roles.add(Role.parse(r).orElseThrow(() -> new IllegalArgumentException("unknown role " + r)));
          }
        }
        case "disabled" -> disabled = p.getBooleanValue();
        case "created" -> created = Instant.parse(p.getText());
        case "changed" -> changed = Instant.parse(p.getText());
        case "password" -> password = p.getText();
        case "apiKeys" -> {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String prefix = null;
            String sha = null;
            String label = "";
            Instant kc = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              p.nextToken();
              switch (k) {
                case "prefix" -> prefix = p.getText();
                case "sha256" -> sha = p.getText();
                case "label" -> label = p.getText();
                case "created" -> kc = Instant.parse(p.getText());
                default -> p.skipChildren();
              }
            }
            keys.add(new ApiKey(prefix, sha, label, kc));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (created == null || changed == null) {
      throw new IOException(file + ": account " + username + " lacks created/changed times");
    }
    return new Account(username, organisation, roles, disabled, created, changed,
        Optional.ofNullable(password), keys);
  }

  private static void expect(JsonToken actual, JsonToken expected, Path file) throws IOException {
    if (actual != expected) {
      throw new IOException(file + ": not an account file (expected " + expected + ", found " + actual + ")");
    }
  }
}
