package org.linnea.security.audit;

/**
 * Where audit messages go: the audit log, a syslog forwarder, or both. Implementations must not
 * block for long and must not throw for a message they cannot deliver right now (a forwarder
 * queues; a log that cannot write fails loudly, because losing the audit trail is worse than
 * refusing the action).
 */
@FunctionalInterface
public interface AuditSink {

  /** Records the message. */
  void record(AuditMessage message);

  /** Discards every message (tests, tools that must not audit). */
  AuditSink NONE = m -> {};

  /** A sink that records in this one, then in the other. */
  default AuditSink andThen(AuditSink other) {
    return m -> {
      record(m);
      other.record(m);
    };
  }
}
