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
 */
final class DicomDoor implements AutoCloseable {
  private final Configuration config;
  private final DicomServices services;
  private volatile DicomServer server;

  private DicomDoor(Configuration config, DicomServices services) {
    this.config = config;
    this.services = services;
  }

  static DicomDoor start(Configuration config, Archive archive, RemoteAeRegistry remoteAes) throws IOException {
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
    DicomDoor door = new DicomDoor(config, services);
    door.server = new DicomServer(door.serverConfig(remoteAes.list()), services).start();
    remoteAes.onChange(door::replaceServer);
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
    AeConfig ae = AeConfig.of(config.aeTitle())
        .withRemoteAes(remotes.stream().map(r -> new RemoteAe(r.aeTitle(), r.host(), r.port())).toArray(RemoteAe[]::new));
    return new ServerConfig(config.dicomBindAddress(), config.dicomPort(), ae, AssociationSettings.defaults(),
        List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, AcceptorPolicy.ANY_TRANSFER_SYNTAX),
        config.maxAssociations(), Optional.empty(), false, false);
  }

  private synchronized void replaceServer(List<Configuration.RemoteAe> remotes) {
    int port = server.port();
    ServerConfig next = serverConfig(remotes);
    next = new ServerConfig(next.bindAddress(), port, next.ae(), next.association(), next.transferSyntaxPreference(),
        next.maxAssociations(), next.identityCheck(), next.identityRequired(), next.relationalQueries());
    server.close();
    // The old socket is released once its accepting thread has left accept(): retry briefly.
    IOException last = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        server = new DicomServer(next, services).start();
        return;
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

  @Override
  public void close() {
    server.close();
  }
}
