package org.linnea.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Optional;
import org.linnea.app.config.Configuration;
import org.linnea.app.http.HttpServer;
import org.linnea.archive.Archive;
import org.linnea.archive.RecoverySweep;
import org.linnea.index.Index;
import org.linnea.index.Organisations;
import org.slf4j.LoggerFactory;
import org.linnea.security.dicom.UserIdentityVerifier;
import org.linnea.web.auth.HttpSecurity;
import org.linnea.web.auth.SessionTokens;
import org.linnea.web.DicomWeb;
import org.linnea.web.DicomWebSettings;
import org.linnea.web.StudyDownload;
import org.linnea.viewer.ViewerAssets;
import org.eclipse.jetty.server.Handler;

/**
 * A running node: the archive, after its recovery sweep, and the doors opened on it (DICOM, HTTP). What {@code
 * ./linnea serve} runs, and what tests start in-process.
 */
public final class Node implements AutoCloseable {
  /** The account a node without accounts creates at its first start. */
  public static final String INITIAL_ADMINISTRATOR = "admin";
  private final Configuration config;
  private final Archive archive;
  private final RecoverySweep.Report sweep;
  private final RemoteAeRegistry remoteAes;
  private final HttpServer http;
  private final DicomDoor dicom;
  private final NodeSecurity security;
  private final Optional<char[]> initialPassword;
  private NodeTls tls;

  private final java.util.concurrent.ScheduledExecutorService trashPurge;

  private Node(Configuration config, Archive archive, RecoverySweep.Report sweep, RemoteAeRegistry remoteAes, HttpServer http, DicomDoor dicom,
      NodeSecurity security, Optional<char[]> initialPassword) {
    this.security = security;
    this.initialPassword = initialPassword;
    this.config = config;
    this.archive = archive;
    this.sweep = sweep;
    this.remoteAes = remoteAes;
    this.http = http;
    this.dicom = dicom;
    // Deleted studies past storage.trashRetentionDays leave the trash: now, then daily.
    this.trashPurge = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("linnea-trash-purge").factory());
    trashPurge.scheduleAtFixedRate(() -> purgeTrash(archive, config), 0, 1, java.util.concurrent.TimeUnit.DAYS);
  }

  static void purgeTrash(Archive archive, Configuration config) {
    try {
      int n = archive.deletions().purge(java.time.Duration.ofDays(config.trashRetentionDays()));
      if (n > 0) LoggerFactory.getLogger(Node.class).info("trash purged deletions={} retentionDays={}", n, config.trashRetentionDays());
    } catch (java.io.IOException | RuntimeException e) {
      LoggerFactory.getLogger(Node.class).warn("trash purge failed, retried tomorrow: {}", e.toString());
    }
  }

  /** Opens the archive, sweeps, and opens the doors. */
  public static Node start(Configuration config) throws Exception {
    NodeTls tls = NodeTls.load(config); // before opening anything: a bad certificate is a configuration error
    NodeSecurity security = NodeSecurity.forNode(config);
    Archive archive;
    try {
      archive = openArchive(config);
    } catch (Exception e) {
      security.close();
      throw e;
    }
    try {
      // No open door: a node without accounts gets an administrator with a one-time password,
      // which serve prints once to the console (never to the log).
      Optional<char[]> initial = security.accounts.ensureInitialAdministrator(INITIAL_ADMINISTRATOR, config.security().organisation());
      security.audit.record(security.messages.applicationActivity(true));
      RecoverySweep.Report sweep = archive.recover();
      RemoteAeRegistry remoteAes = new RemoteAeRegistry(archive.index(), config.remoteAes());
      Organisations organisations = new Organisations(archive.index().dataSource());
      Optional<org.linnea.security.token.BearerTokenValidator> oidc = security.oidc();
      DicomAccess dicomAccess = new DicomAccess(config.security().dicomCallers(), config.security().organisation(),
          new UserIdentityVerifier(security.accounts, oidc.orElse(null)));
      DicomDoor dicom = DicomDoor.start(config, archive, remoteAes, dicomAccess, organisations::idOf, security.audit, security.messages,
          tls == null ? null : tls.dicom(), tls == null ? null : tls.dicomClient());
      HttpServer http;
      try {
        DicomWeb dicomWeb = new DicomWeb(archive, "/dicomweb", new DicomWebSettings(config.webMaxUploadBytes(), config.webCorsAllowedOrigins(),
            DicomWebSettings.DEFAULT.thumbnailCacheBytes(), config.storagePath().resolve("spool"), config.maxQueryResults()));
        HttpSecurity guard = new HttpSecurity(security.accounts, oidc, new SessionTokens(config.security().sessionTtl(), InstantSource.system()),
            organisations::idOf, security.audit, security.messages, InstantSource.system(), dicomWeb.prefix(), security::current)
            .withCorsAllowedOrigins(config.webCorsAllowedOrigins())
            .withPatientLookup((org, study) -> archive.index().patientOfStudy(org, study));
        // DICOMweb, the study download and the viewer's files, each declining the paths it does not serve.
        Handler mounted = new Handler.Sequence(dicomWeb, new StudyDownload(archive), new ViewerAssets());
        http = new HttpServer(config, () -> health(config, archive), remoteAes, mounted, guard, tls == null ? null : tls.https()).start();
      } catch (Exception e) {
        dicom.close();
        throw e;
      }
      Node node = new Node(config, archive, sweep, remoteAes, http, dicom, security, initial);
      node.tls = tls;
      return node;
    } catch (Exception e) {
      try {
        archive.close();
      } finally {
        security.close();
      }
      throw e;
    }
  }

  static Archive openArchive(Configuration config) throws IOException {
    return Archive.open(new Archive.Settings(config.storagePath().resolve("store"), config.indexSettings(), nodeOrganisation(config),
        config.duplicatePolicy(), config.maxQueryResults(), config.workerThreads()));
  }

  /**
   * The index key of the node's organisation ({@code security.organisation}): what DIMSE, import,
   * reindex and the recovery sweep store into. {@code default} is key 1 of the first migration.
   */
  static long nodeOrganisation(Configuration config) {
    if (config.security().organisation().equals("default")) return Index.DEFAULT_ORGANISATION;
    try (Index index = Index.open(config.indexSettings())) {
      return new Organisations(index.dataSource()).idOf(config.security().organisation());
    }
  }

  static ObjectNode health(Configuration config, Archive archive) {
    boolean indexUp = archive.index().isHealthy();
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("status", indexUp ? "UP" : "DOWN");
    n.put("aeTitle", config.aeTitle());
    n.put("dicomPort", config.dicomPort());
    n.put("storage", config.storagePath().toAbsolutePath().normalize().toString());
    n.putObject("index").put("dialect", archive.index().dialect().name()).put("up", indexUp);
    return n;
  }

  /** The accounts and the audit log of the running node. */
  NodeSecurity security() {
    return security;
  }

  public Configuration config() {
    return config;
  }

  public Archive archive() {
    return archive;
  }

  public RecoverySweep.Report sweep() {
    return sweep;
  }

  public RemoteAeRegistry remoteAes() {
    return remoteAes;
  }

  /** The first administrator's one-time password, when this start created it (to print once). */
  public Optional<char[]> initialPassword() {
    return initialPassword;
  }

  public int httpPort() {
    return http.port();
  }

  public int dicomPort() {
    return dicom.port();
  }

  /** The HTTPS port; -1 without TLS. */
  public int httpsPort() {
    return http.httpsPort();
  }

  /** The DICOM TLS port; -1 without TLS. */
  public int dicomTlsPort() {
    return dicom.tlsPort();
  }

  /** The node's TLS certificate and contexts; null without TLS. */
  NodeTls tls() {
    return tls;
  }

  /** Closes the doors, then the archive. */
  @Override
  public void close() throws Exception {
    trashPurge.shutdownNow();
    try {
      dicom.close();
      http.close();
    } finally {
      try {
        archive.close();
      } finally {
        security.audit.record(security.messages.applicationActivity(false));
        security.close();
      }
    }
  }
}
