package org.linnea.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.IndexSettings;

/**
 * A node's configuration, immutable once loaded. Built from defaults, then the YAML file, then
 * environment variables, each overriding the one before. {@link #toString()} never shows the
 * database password.
 *
 * @param dicomPort DICOM (DIMSE) port, {@code dicom.port}
 * @param dicomBindAddress address the DICOM port listens on, {@code dicom.bindAddress}
 * @param aeTitle this node's AE title, {@code dicom.aeTitle}
 * @param maxAssociations concurrent associations accepted, {@code dicom.maxAssociations}
 * @param httpPort HTTP port, {@code http.port}
 * @param httpBindAddress address the HTTP port listens on, {@code http.bindAddress}
 * @param adminFromLoopbackOnly whether /admin answers only callers on this machine, {@code
 *     http.adminFromLoopbackOnly}
 * @param storagePath where objects (and the embedded index) are kept, {@code storage.path}
 * @param trashRetentionDays how long deleted studies wait in the trash before they are purged,
 *     {@code storage.trashRetentionDays}
 * @param indexUrl the index database's JDBC URL; empty for the embedded H2 under storagePath,
 *     {@code index.url}
 * @param indexUser {@code index.user}
 * @param indexPassword {@code index.password}
 * @param indexPoolSize database connections, {@code index.poolSize}
 * @param duplicatePolicy {@code archive.duplicatePolicy}: REJECT, ACCEPT_IF_IDENTICAL or REPLACE
 * @param maxQueryResults most answers per query, {@code limits.maxQueryResults} (0: no limit)
 * @param workerThreads threads for import, reindex and verify, {@code limits.workerThreads}
 * @param remoteAes known remote AEs, {@code remoteAes} (in the environment: {@code
 *     LINNEA_REMOTE_AES=AET@host:port,AET2@host:port})
 * @param webMaxUploadBytes the largest STOW-RS request body, {@code web.maxUploadBytes}
 * @param webCorsAllowedOrigins origins browsers may call DICOMweb from, {@code
 *     web.corsAllowedOrigins} (comma-separated; {@code *} for any; empty for none)
 * @param security accounts, sessions, OpenID Connect: {@code security.*}
 * @param tls encryption: certificate, DICOM TLS and HTTPS ports ({@code tls.*}, {@code
 *     dicom.tls*}, {@code http.tlsPort}, {@code http.plain})
 */
public record Configuration(
    int dicomPort,
    String dicomBindAddress,
    String aeTitle,
    int maxAssociations,
    int httpPort,
    String httpBindAddress,
    boolean adminFromLoopbackOnly,
    Path storagePath,
    int trashRetentionDays,
    String indexUrl,
    String indexUser,
    String indexPassword,
    int indexPoolSize,
    DuplicatePolicy duplicatePolicy,
    int maxQueryResults,
    int workerThreads,
    List<RemoteAe> remoteAes,
    long webMaxUploadBytes,
    List<String> webCorsAllowedOrigins,
    SecuritySettings security,
    Tls tls) {

  /** What {@code http.plain} does with the plain HTTP port when HTTPS is on. */
  public enum PlainHttp {
    /** Serves as usual (the default). */
    SERVE,
    /** Answers every request with a redirect to the HTTPS port. */
    REDIRECT,
    /** Does not listen at all. */
    OFF
  }

  /**
   * Encryption settings. A certificate comes from PEM files, a PKCS#12 key store, or (for
   * development) a self-signed one generated in the data folder; without any, TLS is off. {@link
   * #toString()} never shows the key store password.
   *
   * @param certificate PEM certificate chain, leaf first, {@code tls.certificate}
   * @param key PEM private key (unencrypted), {@code tls.key}
   * @param keyStore PKCS#12 file with the key and chain, {@code tls.keyStore}
   * @param keyStorePassword its password, {@code tls.keyStorePassword}
   * @param trustedCertificates PEM CA certificates trusted for DICOM peers' client certificates,
   *     {@code tls.trustedCertificates}
   * @param dev generate (once) and use a self-signed certificate, {@code tls.dev} or {@code serve
   *     --dev-tls}
   * @param dicomTlsPort the DICOM TLS port, {@code dicom.tlsPort} (default 2762); -1 for none
   * @param dicomClientAuth client certificates of DICOM peers: NONE, WANT or NEED, {@code
   *     dicom.tlsClientAuth} (default NEED when trusted certificates are configured, else NONE)
   * @param httpsPort the HTTPS port, {@code http.tlsPort} (default 8443); -1 for none
   * @param plainHttp what the plain HTTP port does when HTTPS is on, {@code http.plain}
   */
  public record Tls(
      Optional<Path> certificate,
      Optional<Path> key,
      Optional<Path> keyStore,
      String keyStorePassword,
      Optional<Path> trustedCertificates,
      boolean dev,
      int dicomTlsPort,
      String dicomClientAuth,
      int httpsPort,
      PlainHttp plainHttp) {

    public Tls {
      if (certificate.isPresent() != key.isPresent()) {
        throw new ConfigurationException("tls.certificate and tls.key go together: set both (PEM files) or neither");
      }
      if (keyStore.isPresent() && certificate.isPresent()) {
        throw new ConfigurationException("set either tls.keyStore or tls.certificate and tls.key, not both");
      }
    }

    /** Fails when {@code http.plain} is redirect or off without HTTPS (checked at start, after {@code --dev-tls}). */
    public void check() {
      if (plainHttp != PlainHttp.SERVE && (!enabled() || httpsPort < 0)) {
        throw new ConfigurationException("http.plain " + plainHttp.name().toLowerCase(Locale.ROOT)
            + " needs HTTPS: set a certificate (tls.*, or serve --dev-tls) and http.tlsPort");
      }
    }

    /** Whether a certificate is configured (or generated), so that the TLS ports open. */
    public boolean enabled() {
      return dev || certificate.isPresent() || keyStore.isPresent();
    }

    /** The same, with a development certificate when none is configured ({@code serve --dev-tls}). */
    public Tls withDev() {
      return new Tls(certificate, key, keyStore, keyStorePassword, trustedCertificates, true, dicomTlsPort, dicomClientAuth, httpsPort, plainHttp);
    }

    @Override
    public String toString() {
      if (!enabled()) {
        return "off";
      }
      return (dev && certificate.isEmpty() && keyStore.isEmpty() ? "development certificate"
          : certificate.map(Path::toString).orElseGet(() -> keyStore.orElseThrow() + " (password hidden)"))
          + ", dicom.tlsPort=" + dicomTlsPort + " (" + dicomClientAuth + "), http.tlsPort=" + httpsPort + ", http.plain=" + plainHttp;
    }
  }

  /**
   * A remote application entity: where to reach it.
   *
   * @param tls reached over DICOM TLS (written {@code AET@host:port/tls})
   */
  public record RemoteAe(String aeTitle, String host, int port, boolean tls) {
    /** One reached over plain TCP. */
    public RemoteAe(String aeTitle, String host, int port) {
      this(aeTitle, host, port, false);
    }

    public RemoteAe {
      checkAeTitle(aeTitle, "remote AE title");
      if (host == null || host.isBlank()) throw new ConfigurationException("remote AE " + aeTitle + ": no host");
      if (port < 1 || port > 65535) throw new ConfigurationException("remote AE " + aeTitle + ": port out of range: " + port);
    }

    /** Parses {@code AET@host:port}, or {@code AET@host:port/tls} for a peer reached over DICOM TLS. */
    public static RemoteAe parse(String s) {
      boolean tls = false;
      if (s.toLowerCase(Locale.ROOT).endsWith("/tls")) {
        tls = true;
        s = s.substring(0, s.length() - "/tls".length());
      }
      int at = s.lastIndexOf('@');
      int colon = s.lastIndexOf(':');
      if (at <= 0 || colon < at) throw new ConfigurationException("remote AE '" + s + "': expected AET@host:port or AET@host:port/tls");
      try {
        return new RemoteAe(s.substring(0, at).strip(), s.substring(at + 1, colon).strip(), Integer.parseInt(s.substring(colon + 1).strip()), tls);
      } catch (NumberFormatException e) {
        throw new ConfigurationException("remote AE '" + s + "': port is not a number");
      }
    }

    @Override
    public String toString() {
      return aeTitle + "@" + host + ":" + port + (tls ? "/tls" : "");
    }
  }

  /** Every setting with its default, in the order of docs/configuration.md. */
  static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("dicom.port", "11112");
    d.put("dicom.bindAddress", "0.0.0.0");
    d.put("dicom.aeTitle", "LINNEA");
    d.put("dicom.maxAssociations", "100");
    d.put("http.port", "8080");
    d.put("http.bindAddress", "0.0.0.0");
    d.put("http.adminFromLoopbackOnly", "true");
    d.put("storage.path", "./linnea-data");
    d.put("storage.trashRetentionDays", "30");
    d.put("index.url", "");
    d.put("index.user", "");
    d.put("index.password", "");
    d.put("index.poolSize", "16");
    d.put("archive.duplicatePolicy", "ACCEPT_IF_IDENTICAL");
    d.put("limits.maxQueryResults", "1000");
    d.put("limits.workerThreads", "4");
    d.put("remoteAes", "");
    d.put("web.maxUploadBytes", "4294967296");
    d.put("web.corsAllowedOrigins", "");
    SecuritySettings.defaults(d);
    d.put("tls.certificate", "");
    d.put("tls.key", "");
    d.put("tls.keyStore", "");
    d.put("tls.keyStorePassword", "");
    d.put("tls.trustedCertificates", "");
    d.put("tls.dev", "false");
    d.put("dicom.tlsPort", "2762");
    d.put("dicom.tlsClientAuth", "");
    d.put("http.tlsPort", "8443");
    d.put("http.plain", "serve");
    return d;
  }

  /** The environment variable of a setting: {@code dicom.aeTitle} → {@code LINNEA_DICOM_AE_TITLE}. */
  public static String environmentVariable(String key) {
    return "LINNEA_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Loads defaults, then {@code file} (if given), then the environment. */
  public static Configuration load(Optional<Path> file, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    if (file.isPresent()) {
      readYaml(file.get(), values);
    }
    for (String key : DEFAULTS.keySet()) {
      String v = env.get(environmentVariable(key));
      if (v != null) values.put(key, v);
    }
    return of(values);
  }

  private static void readYaml(Path file, Map<String, String> values) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigurationException("cannot read configuration " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) return;
    if (!root.isObject()) throw new ConfigurationException(file + ": expected a mapping of settings");
    flatten("", root, values, file);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> values, Path file) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("remoteAes")) {
        values.put(key, remoteAesText(v, file));
      } else if (key.equals("security.dicom.callers") && v.isArray()) {
        List<String> list = new ArrayList<>();
        for (JsonNode o : v) list.add(o.asText());
        values.put(key, String.join(";", list));
      } else if (key.equals("web.corsAllowedOrigins") && v.isArray()) {
        List<String> list = new ArrayList<>();
        for (JsonNode o : v) list.add(o.asText());
        values.put(key, String.join(",", list));
      } else if (v.isObject()) {
        flatten(key, v, values, file);
      } else if (!DEFAULTS.containsKey(key)) {
        throw new ConfigurationException(file + ": unknown setting '" + key + "' (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
      } else {
        values.put(key, v.isNull() ? "" : v.asText());
      }
    }
  }

  /** A YAML list of {aeTitle, host, port} mappings (or AET@host:port strings) as AET@host:port,… */
  private static String remoteAesText(JsonNode v, Path file) {
    if (v.isNull()) return "";
    if (!v.isArray()) throw new ConfigurationException(file + ": remoteAes must be a list");
    List<String> out = new ArrayList<>();
    for (JsonNode ae : v) {
      if (ae.isTextual()) {
        out.add(ae.asText());
      } else {
        out.add(ae.path("aeTitle").asText() + "@" + ae.path("host").asText() + ":" + ae.path("port").asText()
            + (ae.path("tls").asBoolean(false) ? "/tls" : ""));
      }
    }
    return String.join(",", out);
  }

  static Configuration of(Map<String, String> v) {
    List<RemoteAe> remotes = new ArrayList<>();
    for (String s : v.get("remoteAes").split(",")) {
      if (!s.isBlank()) remotes.add(RemoteAe.parse(s.strip()));
    }
    String ae = v.get("dicom.aeTitle").strip();
    checkAeTitle(ae, "dicom.aeTitle");
    DuplicatePolicy policy;
    try {
      policy = DuplicatePolicy.valueOf(v.get("archive.duplicatePolicy").strip().toUpperCase(Locale.ROOT));
      if (policy == DuplicatePolicy.KEEP_NEWEST) throw new IllegalArgumentException();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("archive.duplicatePolicy: expected REJECT, ACCEPT_IF_IDENTICAL or REPLACE, not " + v.get("archive.duplicatePolicy"));
    }
    return new Configuration(
        port(v, "dicom.port"), v.get("dicom.bindAddress").strip(), ae, positive(v, "dicom.maxAssociations"),
        port(v, "http.port"), v.get("http.bindAddress").strip(), bool(v, "http.adminFromLoopbackOnly"),
        Path.of(v.get("storage.path").strip()), nonNegative(v, "storage.trashRetentionDays"), v.get("index.url").strip(), v.get("index.user"), v.get("index.password"),
        positive(v, "index.poolSize"), policy, nonNegative(v, "limits.maxQueryResults"), positive(v, "limits.workerThreads"), List.copyOf(remotes),
        positiveLong(v, "web.maxUploadBytes"), origins(v.get("web.corsAllowedOrigins")), SecuritySettings.of(v), tls(v));
  }

  private static Tls tls(Map<String, String> v) {
    Optional<Path> trusted = path(v, "tls.trustedCertificates");
    String auth = v.get("dicom.tlsClientAuth").strip().toUpperCase(Locale.ROOT);
    if (auth.isEmpty()) {
      auth = trusted.isPresent() ? "NEED" : "NONE";
    } else if (!List.of("NONE", "WANT", "NEED").contains(auth)) {
      throw new ConfigurationException("dicom.tlsClientAuth: expected NONE, WANT or NEED, not '" + v.get("dicom.tlsClientAuth") + "'");
    }
    if (!auth.equals("NONE") && trusted.isEmpty()) {
      throw new ConfigurationException("dicom.tlsClientAuth " + auth
          + " needs tls.trustedCertificates (the CA certificates, PEM, that sign the DICOM peers' client certificates)");
    }
    PlainHttp plain;
    try {
      plain = PlainHttp.valueOf(v.get("http.plain").strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("http.plain: expected serve, redirect or off, not '" + v.get("http.plain") + "'");
    }
    return new Tls(path(v, "tls.certificate"), path(v, "tls.key"), path(v, "tls.keyStore"), v.get("tls.keyStorePassword"), trusted,
        bool(v, "tls.dev"), optionalPort(v, "dicom.tlsPort"), auth, optionalPort(v, "http.tlsPort"), plain);
  }

  private static Optional<Path> path(Map<String, String> v, String key) {
    String s = v.get(key).strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
  }

  /** A port, or -1 for "off". */
  private static int optionalPort(Map<String, String> v, String key) {
    String s = v.get(key).strip().toLowerCase(Locale.ROOT);
    return s.equals("off") || s.equals("none") || s.isEmpty() ? -1 : port(v, key);
  }

  /** The same configuration with a self-signed development certificate ({@code serve --dev-tls}). */
  public Configuration withDevTls() {
    return new Configuration(dicomPort, dicomBindAddress, aeTitle, maxAssociations, httpPort, httpBindAddress, adminFromLoopbackOnly,
        storagePath, trashRetentionDays, indexUrl, indexUser, indexPassword, indexPoolSize, duplicatePolicy, maxQueryResults, workerThreads, remoteAes,
        webMaxUploadBytes, webCorsAllowedOrigins, security, tls.withDev());
  }

  private static int integer(Map<String, String> v, String key) {
    try {
      return Integer.parseInt(v.get(key).strip());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(key + " (" + environmentVariable(key) + "): not a number: '" + v.get(key) + "'");
    }
  }

  private static long positiveLong(Map<String, String> v, String key) {
    long n;
    try {
      n = Long.parseLong(v.get(key).strip());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(key + " (" + environmentVariable(key) + "): not a number: '" + v.get(key) + "'");
    }
    if (n < 1) throw new ConfigurationException(key + ": must be at least 1");
    return n;
  }

  private static List<String> origins(String s) {
    List<String> out = new ArrayList<>();
    for (String o : s.split(",")) {
      String t = o.strip();
      if (t.isEmpty()) continue;
      if (!t.equals("*") && !t.matches("https?://[^/\\s]+")) {
        throw new ConfigurationException("web.corsAllowedOrigins: '" + t + "' is not an origin (scheme://host[:port], or *)");
      }
      out.add(t);
    }
    return List.copyOf(out);
  }

  private static int port(Map<String, String> v, String key) {
    int p = integer(v, key);
    if (p < 0 || p > 65535) throw new ConfigurationException(key + ": port out of range: " + p);
    return p;
  }

  private static int positive(Map<String, String> v, String key) {
    int n = integer(v, key);
    if (n < 1) throw new ConfigurationException(key + ": must be at least 1");
    return n;
  }

  private static int nonNegative(Map<String, String> v, String key) {
    int n = integer(v, key);
    if (n < 0) throw new ConfigurationException(key + ": must not be negative");
    return n;
  }

  private static boolean bool(Map<String, String> v, String key) {
    String s = v.get(key).strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigurationException(key + ": expected true or false, not '" + s + "'");
    };
  }

  static void checkAeTitle(String ae, String what) {
    if (ae == null || ae.isBlank() || ae.length() > 16 || !ae.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '\\')) {
      throw new ConfigurationException(what + ": invalid AE title '" + ae + "' (1 to 16 printable ASCII characters, no backslash)");
    }
  }

  /** The embedded index, or the configured database. */
  public IndexSettings indexSettings() {
    if (indexUrl.isEmpty()) {
      IndexSettings e = IndexSettings.embedded(storagePath.resolve("index"));
      return new IndexSettings(e.jdbcUrl(), e.user(), e.password(), indexPoolSize);
    }
    return new IndexSettings(indexUrl, indexUser, indexPassword, indexPoolSize);
  }

  @Override
  public String toString() {
    return "Configuration[dicom=" + aeTitle + "@" + dicomBindAddress + ":" + dicomPort + ", http=" + httpBindAddress + ":" + httpPort
        + ", storage=" + storagePath.toAbsolutePath().normalize() + ", index=" + indexSettings() + ", duplicatePolicy=" + duplicatePolicy
        + ", remoteAes=" + remoteAes + ", tls=" + tls + "]";
  }
}
