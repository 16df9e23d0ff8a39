package org.linnea.security.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One audit message of DICOM PS3.15 A.5.1: what happened ({@link EventIdentification}), who took
 * part ({@link ActiveParticipant}), which system reports it ({@link AuditSource}) and what it
 * concerned ({@link ParticipantObject}: patients, studies, SOP classes, accounts).
 *
 * <p>Holds identifiers only — user ids, addresses, patient ids, UIDs — never names, passwords,
 * tokens or other content. Immutable.
 */
public record AuditMessage(
    EventIdentification event,
    List<ActiveParticipant> participants,
    AuditSource source,
    List<ParticipantObject> objects) {

  public AuditMessage {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(source, "source");
    participants = List.copyOf(participants);
    objects = List.copyOf(objects);
  }

  /** EventActionCode: C create, R read, U update, D delete, E execute. */
  public enum Action {
    CREATE("C"),
    READ("R"),
    UPDATE("U"),
    DELETE("D"),
    EXECUTE("E");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Action ofCode(String code) {
      for (Action a : values()) {
        if (a.code.equals(code)) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown EventActionCode: " + code);
    }
  }

  /** EventOutcomeIndicator: 0 success, 4 minor failure, 8 serious failure, 12 major failure. */
  public enum Outcome {
    SUCCESS(0),
    MINOR_FAILURE(4),
    SERIOUS_FAILURE(8),
    MAJOR_FAILURE(12);

    private final int code;

    Outcome(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static Outcome ofCode(int code) {
      for (Outcome o : values()) {
        if (o.code == code) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown EventOutcomeIndicator: " + code);
    }
  }

  /**
   * EventIdentification.
   *
   * @param eventId EventID (CID 400)
   * @param action EventActionCode
   * @param dateTime EventDateTime
   * @param outcome EventOutcomeIndicator
   * @param outcomeDescription EventOutcomeDescription, free text without secrets or patient data
   * @param eventTypes EventTypeCode(s) (CID 401)
   */
  public record EventIdentification(
      AuditCode eventId,
      Action action,
      Instant dateTime,
      Outcome outcome,
      Optional<String> outcomeDescription,
      List<AuditCode> eventTypes) {
    public EventIdentification {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(dateTime, "dateTime");
      Objects.requireNonNull(outcome, "outcome");
      outcomeDescription = Objects.requireNonNullElse(outcomeDescription, Optional.empty());
      eventTypes = List.copyOf(eventTypes);
    }
  }

  /**
   * ActiveParticipant.
   *
   * @param userId UserID: account name, AE title, or process id
   * @param alternativeUserId AlternativeUserID (e.g. the AE title of a process)
   * @param requestor UserIsRequestor
   * @param networkAccessPointId NetworkAccessPointID: an IP address or host name
   * @param roles RoleIDCode(s) (CID 402)
   */
  public record ActiveParticipant(
      String userId,
      Optional<String> alternativeUserId,
      boolean requestor,
      Optional<String> networkAccessPointId,
      List<AuditCode> roles) {
    public ActiveParticipant {
      Objects.requireNonNull(userId, "userId");
      alternativeUserId = Objects.requireNonNullElse(alternativeUserId, Optional.empty());
      networkAccessPointId = Objects.requireNonNullElse(networkAccessPointId, Optional.empty());
      roles = List.copyOf(roles);
    }

    /**
     * NetworkAccessPointTypeCode: "2" for an IP address, "1" for a machine name — derived from
     * the id so that it cannot disagree with it.
     */
    public Optional<String> networkAccessPointTypeCode() {
      return networkAccessPointId.map(a -> looksLikeIp(a) ? "2" : "1");
    }

    private static boolean looksLikeIp(String a) {
      return a.matches("[0-9.]+") || a.contains(":");
    }
  }

  /**
   * AuditSourceIdentification.
   *
   * @param sourceId AuditSourceID: this node's name
   * @param enterpriseSiteId AuditEnterpriseSiteID: the organisation running it
   * @param types AuditSourceTypeCode(s)
   */
  public record AuditSource(String sourceId, Optional<String> enterpriseSiteId, List<AuditCode> types) {
    public AuditSource {
      Objects.requireNonNull(sourceId, "sourceId");
      enterpriseSiteId = Objects.requireNonNullElse(enterpriseSiteId, Optional.empty());
      types = List.copyOf(types);
    }

    /** An application server source (type 4). */
    public static AuditSource of(String sourceId, String enterpriseSiteId) {
      return new AuditSource(
          sourceId, Optional.ofNullable(enterpriseSiteId), List.of(AuditCode.SOURCE_APPLICATION_SERVER));
    }
  }

  /**
   * ParticipantObjectIdentification.
   *
   * @param id ParticipantObjectID
   * @param typeCode ParticipantObjectTypeCode: 1 person, 2 system object, 3 organisation, 4 other
   * @param typeCodeRole ParticipantObjectTypeCodeRole: 1 patient, 3 report, 6 user, 24 query …
   * @param idType ParticipantObjectIDTypeCode
   */
  public record ParticipantObject(String id, int typeCode, int typeCodeRole, AuditCode idType) {
    public ParticipantObject {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(idType, "idType");
    }

    /** A patient, by patient id (type 1 person, role 1 patient, id type "Patient Number"). */
    public static ParticipantObject patient(String patientId) {
      return new ParticipantObject(patientId, 1, 1, AuditCode.ID_PATIENT_NUMBER);
    }

    /** A study, by Study Instance UID (type 2 system object, role 3 report). */
    public static ParticipantObject study(String studyUid) {
      return new ParticipantObject(studyUid, 2, 3, AuditCode.ID_STUDY_INSTANCE_UID);
    }

    /** A SOP class queried (type 2 system object, role 3 report, id type "SOP Class UID"). */
    public static ParticipantObject sopClass(String sopClassUid) {
      return new ParticipantObject(sopClassUid, 2, 3, AuditCode.ID_SOP_CLASS_UID);
    }

    /** An account whose security attributes changed (type 1 person, role 11 security user entity). */
    public static ParticipantObject account(String username) {
      return new ParticipantObject(username, 1, 11, AuditCode.ID_USER_IDENTIFIER);
    }

    /** A configuration item, by name (type 2 system object, role 13 security resource). */
    public static ParticipantObject configuration(String name) {
      return new ParticipantObject(name, 2, 13, AuditCode.ID_NODE_ID);
    }

    /** Whether this is a patient (by patient id). */
    public boolean isPatient() {
      return idType.equals(AuditCode.ID_PATIENT_NUMBER);
    }

    /** Whether this is a study (by Study Instance UID). */
    public boolean isStudy() {
      return idType.equals(AuditCode.ID_STUDY_INSTANCE_UID);
    }
  }
}
