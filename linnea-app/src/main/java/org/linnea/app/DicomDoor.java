package org.linnea.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.linnea.app.config.Configuration;
import org.linnea.archive.Archive;
import org.linnea.archive.IngestException;
import org.linnea.archive.IngestResult;
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
import org.linnea.security.access.Permission;
import org.linnea.security.access.Principal;
import org.linnea.security.audit.AuditMessages;
import org.linnea.security.audit.AuditSink;

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
  private static final String FIND_SOP_CLASS = UID.StudyRootQueryRetrieveInformationModelFind;
  private final Configuration config;
  private final DicomServices services;
  private final DicomAccess access;
  private final SecureTransport tls;
  private final SecureTransport clientTls;
  private volatile DicomServer server;
  private volatile DicomServer tlsServer;

  private DicomDoor(Configuration config, DicomServices services, DicomAccess access, SecureTransport tls, SecureTransport clientTls) {
    this.config = config;
    this.services = services;
    this.access = access;
    this.tls = tls;
    this.clientTls = clientTls;
  }

  /**
   * @param access who a peer is and whether it may associate (see {@link DicomAccess})
   * @param organisations an organisation's name to its index key
   * @param audit where each store, query and retrieve is recorded
   * @param tls the TLS of a second server on {@code dicom.tlsPort}; null for none
   * @param clientTls the TLS of associations to C-MOVE destinations marked {@code /tls}; null for none
   */
  static DicomDoor start(Configuration config, Archive archive, RemoteAeRegistry remoteAes, DicomAccess access,
      java.util.function.ToLongFunction<String> organisations, AuditSink audit, AuditMessages messages, SecureTransport tls,
      SecureTransport clientTls) throws IOException {
    String aet = config.aeTitle();
    DicomServices services = new DicomServices()
        .onStore((rq, in) -> {
          Principal p = access.require(rq.association().association(), Permission.STORE);
          IngestResult r;
          try {
            r = archive.ingest().ingestDataSet(in, rq.sopClassUid(), rq.sopInstanceUid(), rq.transferSyntax(),
                Source.dimse(rq.association().association().callingAeTitle()), organisations.applyAsLong(p.organisation()));
          } catch (IngestException e) {
            audit.record(messages.store(p, null, null, false));
            throw new DicomServiceException(e.reason().dimseStatus(), e.getMessage(), e);
          }
          // One store record per study and association, not one per instance.
          if (firstOfStudy(rq.association().association(), "stored", r.studyUid())) {
            audit.record(messages.store(p, patientOf(archive, organisations.applyAsLong(p.organisation()), r.studyUid()), r.studyUid(), true));
          }
        })
        .onFind((rq, responder) -> {
          Principal p = access.require(rq.association().association(), Permission.QUERY);
          Query q = parse(rq, organisations.applyAsLong(p.organisation()));
          audit.record(messages.query(p, FIND_SOP_CLASS, rq.identifier().dataset().getString(Tag.PatientID).orElse(null), true));
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
        .onMove(rq -> instances(archive, rq, access, organisations, audit, messages))
        .onGet(rq -> instances(archive, rq, access, organisations, audit, messages));
    DicomDoor door = new DicomDoor(config, services, access, tls, clientTls);
    door.server = door.newServer(door.serverConfig(remoteAes.list()), null).start();
    if (tls != null && config.tls().dicomTlsPort() >= 0) {
      try {
        door.tlsServer = door.newServer(door.serverConfig(remoteAes.list(), config.tls().dicomTlsPort()), tls).start();
      } catch (IOException e) {
        door.server.close();
        throw e;
      }
    }
    remoteAes.onChange(door::replaceServers);
    return door;
  }

  /** The study's Patient ID for an audit record (one index lookup per study and record), or null. */
  private static String patientOf(Archive archive, long organisation, String study) {
    try {
      return archive.index().patientOfStudy(organisation, study).orElse(null);
    } catch (IndexException e) {
      return null;
    }
  }

  private static boolean firstOfStudy(org.linnea.net.assoc.Association as, String what, String study) {
    @SuppressWarnings("unchecked")
    java.util.Set<String> seen = (java.util.Set<String>) as.properties().computeIfAbsent("linnea.audited." + what, k -> java.util.concurrent.ConcurrentHashMap.newKeySet());
    return seen.add(String.valueOf(study));
  }

  private static Query parse(QueryRequest rq, long organisation) throws DicomServiceException, IOException {
    Dataset id = rq.identifier().dataset();
    try {
      return Query.fromIdentifier(id, organisation);
    } catch (IllegalArgumentException e) {
      throw new DicomServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage(), e);
    }
  }

  private static List<Instance> instances(Archive archive, QueryRequest rq, DicomAccess access, java.util.function.ToLongFunction<String> organisations,
      AuditSink audit, AuditMessages messages) throws DicomServiceException, IOException {
    Principal p = access.require(rq.association().association(), Permission.RETRIEVE);
    Query q = parse(rq, organisations.applyAsLong(p.organisation()));
    List<InstanceLocation> found;
    try {
      found = archive.retrieve().locate(q);
    } catch (IllegalArgumentException e) {
      throw new DicomServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage(), e);
    } catch (IndexException e) {
      throw new DicomServiceException(Status.OUT_OF_RESOURCES_UNABLE_TO_CALCULATE_MATCHES, e.getMessage(), e);
    }
    for (String study : found.stream().map(InstanceLocation::studyUid).distinct().toList()) {
      audit.record(messages.retrieve(p, patientOf(archive, q.organisation(), study), study, true));
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
        .withRemoteAes(remotes.stream().map(r -> new RemoteAe(r.aeTitle(), r.host(), r.port(), r.tls())).toArray(RemoteAe[]::new));
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
        return newServer(next, secure).start();
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

  private DicomServer newServer(ServerConfig c, SecureTransport secure) {
    return new DicomServer(c.withIdentity(access, false), services, secure).withCallerCheck(access).withClientTls(clientTls)
        .withMaxAssociationsPerPeer(config.security().dicomMaxAssociationsPerPeer());
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
