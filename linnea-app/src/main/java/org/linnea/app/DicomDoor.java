package org.linnea.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.linnea.app.config.Configuration;
import org.linnea.archive.Archive;
import org.linnea.archive.IngestException;
import org.linnea.archive.Source;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.index.IndexException;
import org.linnea.index.InstanceLocation;
import org.linnea.index.Query;
import org.linnea.net.ae.AeConfig;
import org.linnea.net.ae.RemoteAe;
import org.linnea.net.assoc.AcceptorPolicy;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.assoc.SecureTransport;
import org.linnea.net.dimse.DataWriter;
import org.linnea.net.dimse.DicomServer;
import org.linnea.net.dimse.DicomServiceException;
import org.linnea.net.dimse.DicomServices;
import org.linnea.net.dimse.Instance;
import org.linnea.net.dimse.QueryRequest;
import org.linnea.net.dimse.ServerConfig;
import org.linnea.net.dimse.Status;

/**
 * The DICOM door of a node: linnea-net's server with the archive's services behind its handlers —
 * C-STORE to the ingest service, C-FIND to the query service, C-MOVE and C-GET to the retrieve
 * service (linnea-net performs the sub-operations). C-ECHO is always answered.
 *
 * <p>Remote AEs (C-MOVE destinations) changed at run time take effect by replacing the listening
 * server with one that knows them: associations in progress continue on their own threads; a
 * connection attempt in the few milliseconds between close and bind is refused.
 *
 * <p>With TLS, a second server with the same services listens on {@code dicom.tlsPort} and speaks
 * only TLS (PS3.15 Annex B).
 */
final class DicomDoor implements AutoCloseable {
  private final Configuration config;
  private final DicomServices services;
  private final SecureTransport tls;
  private volatile DicomServer server;
  private volatile DicomServer tlsServer;

  private DicomDoor(Configuration config, DicomServices services, SecureTransport tls) {
    this.config = config;
    this.services = services;
    this.tls = tls;
  }

  static DicomDoor start(Configuration config, Archive archive, RemoteAeRegistry remoteAes) throws IOException {
    return start(config, archive, remoteAes, null);
  }

  /** As above, with a TLS server on {@code dicom.tlsPort} when {@code tls} is not null and the port is set. */
  static DicomDoor start(Configuration config, Archive archive, RemoteAeRegistry remoteAes, SecureTransport tls) throws IOException {
    String aet = config.aeTitle();
    DicomServices services = new DicomServices()
        .onStore((rq, in) -> {
          try {
            archive.ingest().ingestDataSet(in, rq.sopClassUid(), rq.sopInstanceUid(), rq.transferSyntax(),
                Source.dimse(rq.association().association().callingAeTitle()));
          } catch (IngestException e) {
            throw new DicomServiceException(e.reason().dimseStatus(), e.getMessage(), e);
          }
        })
        .onFind((rq, responder) -> {
          Query q = parse(archive, rq);
          try {
            archive.query().query(q, answer -> {
              if (responder.isCancelled()) return false;
              answer.setString(Tag.RetrieveAETitle, VR.AE, aet);
              try {
                responder.match(DataWriter.of(answer));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return true;
            });
          } catch (UncheckedIOException e) {
            throw e.getCause();
          } catch (IllegalArgumentException e) { // a key value that cannot be matched, such as a malformed date
            throw new DicomServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage(), e);
          } catch (IndexException e) {
            throw new DicomServiceException(Status.OUT_OF_RESOURCES_UNABLE_TO_CALCULATE_MATCHES, e.getMessage(), e);
          }
        })
        .onMove(rq -> instances(archive, rq))
        .onGet(rq -> instances(archive, rq));
    DicomDoor door = new DicomDoor(config, services, tls);
    door.server = new DicomServer(door.serverConfig(remoteAes.list()), services).start();
    if (tls != null && config.tls().dicomTlsPort() >= 0) {
      try {
        door.tlsServer = new DicomServer(door.serverConfig(remoteAes.list(), config.tls().dicomTlsPort()), services, tls).start();
      } catch (IOException e) {
        door.server.close();
        throw e;
      }
    }
    remoteAes.onChange(door::replaceServers);
    return door;
  }

  private static Query parse(Archive archive, QueryRequest rq) throws DicomServiceException, IOException {
    Dataset id = rq.identifier().dataset();
    try {
      return archive.query().parse(id);
    } catch (IllegalArgumentException e) {
      throw new DicomServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage(), e);
    }
  }

  private static List<Instance> instances(Archive archive, QueryRequest rq) throws DicomServiceException, IOException {
    Query q = parse(archive, rq);
    List<InstanceLocation> found;
    try {
      found = archive.retrieve().locate(q);
    } catch (IllegalArgumentException e) {
      throw new DicomServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage(), e);
    } catch (IndexException e) {
      throw new DicomServiceException(Status.OUT_OF_RESOURCES_UNABLE_TO_CALCULATE_MATCHES, e.getMessage(), e);
    }
    return found.stream().<Instance>map(i -> new Instance() {
      @Override
      public String sopClassUid() {
        return i.sopClassUid();
      }

      @Override
      public String sopInstanceUid() {
        return i.sopInstanceUid();
      }

      @Override
      public String transferSyntax() {
        return i.transferSyntax();
      }

      @Override
      public InputStream openDataSet() throws IOException {
        return archive.retrieve().openDataSet(i);
      }
    }).toList();
  }

  private ServerConfig serverConfig(List<Configuration.RemoteAe> remotes) {
    return serverConfig(remotes, config.dicomPort());
  }

  private ServerConfig serverConfig(List<Configuration.RemoteAe> remotes, int port) {
    AeConfig ae = AeConfig.of(config.aeTitle())
        .withRemoteAes(remotes.stream().map(r -> new RemoteAe(r.aeTitle(), r.host(), r.port())).toArray(RemoteAe[]::new));
    return new ServerConfig(config.dicomBindAddress(), port, ae, AssociationSettings.defaults(),
        List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, AcceptorPolicy.ANY_TRANSFER_SYNTAX),
        config.maxAssociations(), Optional.empty(), false, false);
  }

  private synchronized void replaceServers(List<Configuration.RemoteAe> remotes) {
    server = replace(server, remotes, null);
    if (tlsServer != null) {
      tlsServer = replace(tlsServer, remotes, tls);
    }
  }

  private DicomServer replace(DicomServer old, List<Configuration.RemoteAe> remotes, SecureTransport secure) {
    int port = old.port();
    ServerConfig next = serverConfig(remotes, port);
    old.close();
    // The old socket is released once its accepting thread has left accept(): retry briefly.
    IOException last = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        return new DicomServer(next, services, secure).start();
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new UncheckedIOException("cannot listen again on port " + port + " after a change of remote AEs", last);
  }

  int port() {
    return server.port();
  }

  /** The DICOM TLS port; -1 without TLS. */
  int tlsPort() {
    DicomServer s = tlsServer;
    return s == null ? -1 : s.port();
  }

  @Override
  public void close() {
    server.close();
    if (tlsServer != null) {
      tlsServer.close();
    }
  }
}
