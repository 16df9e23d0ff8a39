package org.linnea.security.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * What to look for in the audit log; empty fields match everything.
 *
 * @param user an ActiveParticipant's UserID
 * @param patientId a patient ParticipantObjectID
 * @param studyUid a study ParticipantObjectID (Study Instance UID)
 * @param from EventDateTime at or after
 * @param to EventDateTime before
 * @param limit at most this many records (the first ones in log order)
 */
public record AuditQuery(
    Optional<String> user,
    Optional<String> patientId,
    Optional<String> studyUid,
    Optional<Instant> from,
    Optional<Instant> to,
    int limit) {

  /** Everything, up to {@code limit} records. */
  public static AuditQuery all(int limit) {
    return new AuditQuery(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  /** A query from nullable arguments, as a command line has them. */
  public static AuditQuery of(
      String user, String patientId, String studyUid, Instant from, Instant to, int limit) {
    return new AuditQuery(
        Optional.ofNullable(user), Optional.ofNullable(patientId), Optional.ofNullable(studyUid),
        Optional.ofNullable(from), Optional.ofNullable(to), limit);
  }

  /** Whether the message matches. */
  public boolean matches(AuditMessage m) {
    Instant t = m.event().dateTime();
    if (from.isPresent() && t.isBefore(from.get())) {
      return false;
    }
    if (to.isPresent() && !t.isBefore(to.get())) {
      return false;
    }
    if (user.isPresent()
        && m.participants().stream().noneMatch(p -> p.userId().equals(user.get()))) {
      return false;
    }
    if (patientId.isPresent()
        && m.objects().stream().noneMatch(o -> o.isPatient() && o.id().equals(patientId.get()))) {
      return false;
    }
    return studyUid.isEmpty()
        || m.objects().stream().anyMatch(o -> o.isStudy() && o.id().equals(studyUid.get()));
  }
}
