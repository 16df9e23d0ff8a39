package org.linnea.net.assoc;

import java.io.IOException;
import java.util.Optional;
import org.linnea.net.pdu.AAbort;
import org.linnea.net.pdu.AAssociateRJ;

/**
 * An association that could not be established or ended abnormally: rejected (with the
 * A-ASSOCIATE-RJ), aborted (with the A-ABORT), or timed out. The message names the peer and says
 * what to do.
 */
public class AssociationException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient AAssociateRJ reject;
  private final transient AAbort abort;

  public AssociationException(String message, AAssociateRJ reject, AAbort abort, Throwable cause) {
    super(message, cause);
    this.reject = reject;
    this.abort = abort;
  }

  public static AssociationException rejected(String peer, AAssociateRJ rj) {
    return new AssociationException("association rejected by " + peer + ": " + rj.describe(), rj, null, null);
  }

  public static AssociationException aborted(String peer, AAbort a) {
    return new AssociationException("association with " + peer + " " + a.describe() + " (the peer's log says why)", null, a, null);
  }

  public Optional<AAssociateRJ> reject() {
    return Optional.ofNullable(reject);
  }

  public Optional<AAbort> abort() {
    return Optional.ofNullable(abort);
  }
}
