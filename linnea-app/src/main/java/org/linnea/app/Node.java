package org.linnea.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.linnea.app.config.Configuration;
import org.linnea.app.http.HttpServer;
import org.linnea.archive.Archive;
import org.linnea.archive.RecoverySweep;
import org.linnea.index.Index;
import org.linnea.web.DicomWeb;
import org.linnea.web.DicomWebSettings;

/**
 * A running node: the archive, after its recovery sweep, and the doors opened on it (DICOM, HTTP). What {@code
 * ./linnea serve} runs, and what tests start in-process.
 */
public final class Node implements AutoCloseable {
  private final Configuration config;
  private final Archive archive;
  private final RecoverySweep.Report sweep;
  private final RemoteAeRegistry remoteAes;
  private final HttpServer http;
  private final DicomDoor dicom;
  private NodeTls tls;

  private Node(Configuration config, Archive archive, RecoverySweep.Report sweep, RemoteAeRegistry remoteAes, HttpServer http, DicomDoor dicom) {
    this.config = config;
    this.archive = archive;
    this.sweep = sweep;
    this.remoteAes = remoteAes;
    this.http = http;
    this.dicom = dicom;
  }

  /** Opens the archive, sweeps, and opens the doors. */
  public static Node start(Configuration config) throws Exception {
    NodeTls tls = NodeTls.load(config); // before opening anything: a bad certificate is a configuration error
    Archive archive = openArchive(config);
    try {
      RecoverySweep.Report sweep = archive.recover();
      RemoteAeRegistry remoteAes = new RemoteAeRegistry(archive.index(), config.remoteAes());
      DicomDoor dicom = DicomDoor.start(config, archive, remoteAes, tls == null ? null : tls.dicom());
      HttpServer http;
      try {
        DicomWeb dicomWeb = new DicomWeb(archive, "/dicomweb", new DicomWebSettings(config.webMaxUploadBytes(), config.webCorsAllowedOrigins(),
            DicomWebSettings.DEFAULT.thumbnailCacheBytes(), config.storagePath().resolve("spool"), config.maxQueryResults()));
        http = new HttpServer(config, () -> health(config, archive), remoteAes, dicomWeb, tls == null ? null : tls.https()).start();
      } catch (Exception e) {
        dicom.close();
        throw e;
      }
      Node node = new Node(config, archive, sweep, remoteAes, http, dicom);
      node.tls = tls;
      return node;
    } catch (Exception e) {
      archive.close();
      throw e;
    }
  }

  static Archive openArchive(Configuration config) throws IOException {
    return Archive.open(new Archive.Settings(config.storagePath().resolve("store"), config.indexSettings(), Index.DEFAULT_ORGANISATION,
        config.duplicatePolicy(), config.maxQueryResults(), config.workerThreads()));
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
    try {
      dicom.close();
      http.close();
    } finally {
      archive.close();
    }
  }
}
