package org.linnea.net.dimse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.net.ae.AeConfig;
import org.linnea.net.ae.RemoteAe;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.assoc.PresentationContext;
import org.linnea.net.assoc.SecureTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the C-STORE sub-operations of a C-MOVE (on a new association to the destination AE) or
 * a C-GET (on the requesting association), with pending responses, C-CANCEL and the final status of
 * PS3.4 C.4.2.1.5 and C.4.3.1.4.
 */
final class Retriever {
  private static final Logger LOG = LoggerFactory.getLogger(Retriever.class);

  private final AeConfig ae;
  private final AssociationSettings settings;
  private final SecureTransport clientTls;

  Retriever(AeConfig ae, AssociationSettings settings) {
    this(ae, settings, null);
  }

  /** @param clientTls for destinations reached over TLS; null when this node has no TLS */
  Retriever(AeConfig ae, AssociationSettings settings, SecureTransport clientTls) {
    this.ae = ae;
    this.settings = settings;
    this.clientTls = clientTls;
  }

  Command perform(DimseAssociation origin, Command rq, PresentationContext pc, List<? extends Instance> instances, boolean move, BooleanSupplier cancelled)
      throws IOException, DicomServiceException {
    DimseAssociation target = origin;
    if (move) {
      String dest = rq.getString(Tag.MoveDestination).orElse("");
      RemoteAe remote = ae.remoteAe(dest).orElseThrow(() -> new DicomServiceException(
          Status.MOVE_DESTINATION_UNKNOWN, "move destination " + dest + " unknown"));
      if (instances.isEmpty()) {
        return Command.response(rq, Status.SUCCESS, false).setSubOperations(-1, 0, 0, 0);
      }
      if (remote.tls() && clientTls == null) {
        LOG.warn("C-MOVE from {}: destination {} is reached over TLS, but this node has no TLS certificate", origin, dest);
        throw new DicomServiceException(Status.OUT_OF_RESOURCES_UNABLE_TO_PERFORM_SUB_OPERATIONS,
            "move destination " + dest + " needs TLS, and this node has no TLS certificate configured");
      }
      DicomClient.Request request = DicomClient.request(origin.association().calledAeTitle(), remote.aeTitle());
      Map<String, Set<String>> proposals = new LinkedHashMap<>();
      for (Instance i : instances) {
        proposals.computeIfAbsent(i.sopClassUid(), k -> new LinkedHashSet<>()).add(i.transferSyntax());
      }
      proposals.forEach((cuid, tss) -> tss.forEach(ts -> {
        request.propose(cuid, ts);
        TransferSyntax t = TransferSyntax.of(ts);
        if (t.isNative() && !t.deflated()) {
          request.propose(cuid, DimseAssociation.FALLBACK_TRANSFER_SYNTAXES.toArray(String[]::new));
        }
      }));
      try {
        target = new DicomClient(settings, remote.tls() ? clientTls : null).open(remote.host(), remote.port(), request);
      } catch (IOException e) {
        LOG.warn("C-MOVE from {}: cannot reach destination {} at {}:{}{}: {}", origin, dest, remote.host(), remote.port(),
            remote.tls() ? " (TLS)" : "", e.getMessage());
        throw new DicomServiceException(Status.OUT_OF_RESOURCES_UNABLE_TO_PERFORM_SUB_OPERATIONS,
            "cannot associate with " + dest, e);
      }
    }
    int completed = 0;
    int failed = 0;
    int warning = 0;
    List<String> failedUids = new ArrayList<>();
    int remaining = instances.size();
    boolean wasCancelled = false;
    DimseAssociation.MoveOriginator originator =
        move ? new DimseAssociation.MoveOriginator(origin.association().callingAeTitle(), rq.messageId()) : null;
    try {
      for (Instance inst : instances) {
        if (cancelled.getAsBoolean()) {
          wasCancelled = true;
          break;
        }
        int status;
        try {
          status = target.store(inst, originator).status();
        } catch (DicomServiceException e) {
          LOG.info("sub-operation for {} skipped: {}", origin, e.getMessage());
          status = e.status();
        } catch (IOException e) {
          if (!target.association().isEstablished()) {
            throw e;
          }
          status = Status.PROCESSING_FAILURE;
        }
        remaining--;
        if (Status.isSuccess(status)) {
          completed++;
        } else if (Status.isWarning(status)) {
          warning++;
        } else {
          failed++;
          failedUids.add(inst.sopInstanceUid());
        }
        if (remaining > 0) {
          origin.send(pc, Command.response(rq, Status.PENDING, false).setSubOperations(remaining, completed, failed, warning), null);
        }
      }
    } catch (IOException e) {
      if (!origin.association().isEstablished()) {
        throw e;
      }
      LOG.warn("sub-operations for {} interrupted: {}", origin, e.getMessage());
      failed += remaining;
      int start = instances.size() - remaining;
      for (Instance i : instances.subList(start, instances.size())) {
        failedUids.add(i.sopInstanceUid());
      }
      remaining = 0;
    } finally {
      if (move && target != origin) {
        target.close();
      }
    }
    int status;
    if (wasCancelled) {
      status = Status.CANCEL;
    } else if (failed == 0 && warning == 0) {
      status = Status.SUCCESS;
    } else if (completed == 0 && warning == 0) {
      status = Status.OUT_OF_RESOURCES_UNABLE_TO_PERFORM_SUB_OPERATIONS;
    } else {
      status = Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES;
    }
    boolean list = !failedUids.isEmpty();
    Command fin = Command.response(rq, status, list).setSubOperations(wasCancelled ? remaining : -1, completed, failed, warning);
    if (list) {
      origin.send(pc, fin, failedList(failedUids));
      return null;
    }
    return fin;
  }

  /**
   * An identifier holding only Failed SOP Instance UID List (0008,0058), in the transfer syntax of
   * the context (little or big endian, explicit or implicit VR).
   */
  @SuppressWarnings("deprecation") // Explicit VR Big Endian is retired, but peers still propose it
  static DataWriter failedList(List<String> uids) {
    return (OutputStream out, String ts) -> {
      byte[] v = String.join("\\", uids).getBytes(StandardCharsets.US_ASCII);
      int maxLen = 0xFFFE;
      if (v.length > maxLen) { // explicit VR UI has a 16-bit length: keep what fits
        int cut = new String(v, 0, maxLen, StandardCharsets.US_ASCII).lastIndexOf('\\');
        v = java.util.Arrays.copyOf(v, Math.max(cut, 0));
      }
      if ((v.length & 1) != 0) {
        v = java.util.Arrays.copyOf(v, v.length + 1);
      }
      int len = v.length;
      boolean big = UID.ExplicitVRBigEndian.equals(ts);
      boolean implicit = UID.ImplicitVRLittleEndian.equals(ts);
      if (big) {
        out.write(new byte[] {0x00, 0x08, 0x00, 0x58, 'U', 'I', (byte) (len >>> 8), (byte) len});
      } else if (implicit) {
        out.write(new byte[] {0x08, 0x00, 0x58, 0x00, (byte) len, (byte) (len >>> 8), 0, 0});
      } else {
        out.write(new byte[] {0x08, 0x00, 0x58, 0x00, 'U', 'I', (byte) len, (byte) (len >>> 8)});
      }
      out.write(v);
    };
  }
}
