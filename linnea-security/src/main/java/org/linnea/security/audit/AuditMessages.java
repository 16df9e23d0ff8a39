package org.linnea.security.audit;

import static org.linnea.security.audit.AuditMessage.Action.CREATE;
import static org.linnea.security.audit.AuditMessage.Action.DELETE;
import static org.linnea.security.audit.AuditMessage.Action.EXECUTE;
import static org.linnea.security.audit.AuditMessage.Action.READ;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.linnea.security.access.Principal;
import org.linnea.security.audit.AuditMessage.Action;
import org.linnea.security.audit.AuditMessage.ActiveParticipant;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.audit.AuditMessage.EventIdentification;
import org.linnea.security.audit.AuditMessage.Outcome;
import org.linnea.security.audit.AuditMessage.ParticipantObject;

/**
 * Makes the audit messages Linnea writes, one method per kind of event, following the message
 * descriptions of PS3.15 A.5.3:
 *
 * <table>
 *   <caption>Events and their codes</caption>
 *   <tr><th>event</th><th>EventID</th><th>EventTypeCode</th><th>action</th></tr>
 *   <tr><td>login, logout</td><td>110114 User Authentication</td><td>110122 Login / 110123 Logout</td><td>E</td></tr>
 *   <tr><td>query (C-FIND, QIDO-RS)</td><td>110112 Query</td><td></td><td>E</td></tr>
 *   <tr><td>view</td><td>110103 DICOM Instances Accessed</td><td></td><td>R</td></tr>
 *   <tr><td>retrieve (C-MOVE, C-GET, WADO)</td><td>110104 DICOM Instances Transferred</td><td></td><td>R</td></tr>
 *   <tr><td>store (C-STORE, STOW-RS)</td><td>110104 DICOM Instances Transferred</td><td></td><td>C</td></tr>
 *   <tr><td>import (files, media)</td><td>110107 Import</td><td></td><td>C</td></tr>
 *   <tr><td>export</td><td>110106 Export</td><td></td><td>R</td></tr>
 *   <tr><td>share with another organisation</td><td>110113 Security Alert</td><td>110135 Object Security Attributes Changed</td><td>E</td></tr>
 *   <tr><td>delete</td><td>110105 DICOM Study Deleted</td><td></td><td>D</td></tr>
 *   <tr><td>configuration change</td><td>110113 Security Alert</td><td>110128/110129/110131</td><td>E</td></tr>
 *   <tr><td>account change</td><td>110113 Security Alert</td><td>110137 User Security Attributes Changed / 110136 Security Roles Changed</td><td>E</td></tr>
 *   <tr><td>start, stop</td><td>110100 Application Activity</td><td>110120 / 110121</td><td>E</td></tr>
 *   <tr><td>audit log read</td><td>110101 Audit Log Used</td><td></td><td>R</td></tr>
 * </table>
 *
 * <p>Sharing is recorded as a Security Alert (a change of who may read an object) because no data
 * moves when a grant is made; the later reads by the other organisation are ordinary retrieve
 * events. Thread-safe.
 */
public final class AuditMessages {

  private final AuditSource source;
  private final InstantSource clock;

  /**
   * @param source this node as an audit source
   * @param clock where event times come from
   */
  public AuditMessages(AuditSource source, InstantSource clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public AuditSource source() {
    return source;
  }

  /** A login attempt by user name (known account or not) from an address. */
  public AuditMessage login(String username, String address, boolean success, String reason) {
    return message(
        AuditCode.USER_AUTHENTICATION, EXECUTE, success, reason, List.of(AuditCode.LOGIN),
        List.of(
            new ActiveParticipant(username, Optional.empty(), true, Optional.ofNullable(address), List.of()),
            node(List.of(AuditCode.ROLE_APPLICATION))),
        List.of());
  }

  /** A logout. */
  public AuditMessage logout(Principal who) {
    return message(
        AuditCode.USER_AUTHENTICATION, EXECUTE, true, null, List.of(AuditCode.LOGOUT),
        List.of(requestor(who, List.of()), node(List.of(AuditCode.ROLE_APPLICATION))), List.of());
  }

  /** A query, with the SOP class (or QIDO-RS resource) queried and the patient id if given. */
  public AuditMessage query(Principal who, String sopClassUid, String patientId, boolean success) {
    List<ParticipantObject> objects = new ArrayList<>();
    objects.add(ParticipantObject.sopClass(sopClassUid));
    if (patientId != null) {
      objects.add(ParticipantObject.patient(patientId));
    }
    return message(
        AuditCode.QUERY, EXECUTE, success, null, List.of(),
        List.of(requestor(who, List.of(AuditCode.ROLE_SOURCE)), node(List.of(AuditCode.ROLE_DESTINATION))),
        objects);
  }

  /** A study viewed (opened in the viewer, rendered). */
  public AuditMessage view(Principal who, String patientId, String studyUid, boolean success) {
    return message(
        AuditCode.INSTANCES_ACCESSED, READ, success, null, List.of(),
        List.of(requestor(who, List.of()), node(List.of())), studyObjects(patientId, studyUid));
  }

  /** A study retrieved (C-MOVE, C-GET, WADO): the node is the source, the requestor the destination. */
  public AuditMessage retrieve(Principal who, String patientId, String studyUid, boolean success) {
    return message(
        AuditCode.INSTANCES_TRANSFERRED, READ, success, null, List.of(),
        List.of(requestor(who, List.of(AuditCode.ROLE_DESTINATION)), node(List.of(AuditCode.ROLE_SOURCE))),
        studyObjects(patientId, studyUid));
  }

  /** Instances stored (C-STORE, STOW-RS): the requestor is the source, the node the destination. */
  public AuditMessage store(Principal who, String patientId, String studyUid, boolean success) {
    return message(
        AuditCode.INSTANCES_TRANSFERRED, CREATE, success, null, List.of(),
        List.of(requestor(who, List.of(AuditCode.ROLE_SOURCE)), node(List.of(AuditCode.ROLE_DESTINATION))),
        studyObjects(patientId, studyUid));
  }

  /** Instances imported from files or media. */
  public AuditMessage importStudy(Principal who, String patientId, String studyUid, boolean success) {
    return message(
        AuditCode.IMPORT, CREATE, success, null, List.of(),
        List.of(requestor(who, List.of(AuditCode.ROLE_SOURCE_MEDIA)), node(List.of(AuditCode.ROLE_DESTINATION))),
        studyObjects(patientId, studyUid));
  }

  /** A study exported (downloaded, written to media, sent to another node). */
  public AuditMessage export(
      Principal who, String patientId, String studyUid, String destination, boolean success) {
    return message(
        AuditCode.EXPORT, READ, success, null, List.of(),
        List.of(
            requestor(who, List.of()),
            node(List.of(AuditCode.ROLE_SOURCE)),
            new ActiveParticipant(destination, Optional.empty(), false, Optional.empty(),
                List.of(AuditCode.ROLE_DESTINATION_MEDIA))),
        studyObjects(patientId, studyUid));
  }

  /** A study shared with another organisation (a sharing grant made or revoked). */
  public AuditMessage share(
      Principal who, String patientId, String studyUid, String toOrganisation, boolean granted) {
    return message(
        AuditCode.SECURITY_ALERT, EXECUTE, true,
        (granted ? "shared with " : "sharing revoked for ") + toOrganisation,
        List.of(AuditCode.OBJECT_SECURITY_ATTRIBUTES_CHANGED),
        List.of(requestor(who, List.of()), node(List.of())), studyObjects(patientId, studyUid));
  }

  /** A study deleted. */
  public AuditMessage delete(Principal who, String patientId, String studyUid, boolean success) {
    return message(
        AuditCode.STUDY_DELETED, DELETE, success, null, List.of(),
        List.of(requestor(who, List.of()), node(List.of())), studyObjects(patientId, studyUid));
  }

  /**
   * A configuration change.
   *
   * @param kind {@link AuditCode#NETWORK_CONFIGURATION}, {@link AuditCode#SECURITY_CONFIGURATION}
   *     or {@link AuditCode#SOFTWARE_CONFIGURATION}
   * @param item the name of what changed (never its value: it may be a secret)
   */
  public AuditMessage configurationChange(Principal who, AuditCode kind, String item) {
    return message(
        AuditCode.SECURITY_ALERT, EXECUTE, true, null, List.of(kind),
        List.of(requestor(who, List.of()), node(List.of())),
        List.of(ParticipantObject.configuration(item)));
  }

  /**
   * An account added, changed or removed ({@code what} says which, e.g. "password changed").
   *
   * @param rolesChanged whether the account's roles changed (110136 instead of 110137)
   */
  public AuditMessage accountChange(Principal who, String username, String what, boolean rolesChanged) {
    return message(
        AuditCode.SECURITY_ALERT, EXECUTE, true, what,
        List.of(rolesChanged ? AuditCode.SECURITY_ROLES_CHANGED : AuditCode.USER_SECURITY_ATTRIBUTES_CHANGED),
        List.of(requestor(who, List.of()), node(List.of())),
        List.of(ParticipantObject.account(username)));
  }

  /** The node started or stopped. */
  public AuditMessage applicationActivity(boolean start) {
    return message(
        AuditCode.APPLICATION_ACTIVITY, EXECUTE, true, null,
        List.of(start ? AuditCode.APPLICATION_START : AuditCode.APPLICATION_STOP),
        List.of(node(List.of(AuditCode.ROLE_APPLICATION))), List.of());
  }

  /** The audit log was read or searched. */
  public AuditMessage auditLogUsed(Principal who) {
    return message(
        AuditCode.AUDIT_LOG_USED, READ, true, null, List.of(),
        List.of(requestor(who, List.of()), node(List.of())), List.of());
  }

  private AuditMessage message(
      AuditCode eventId, Action action, boolean success, String description,
      List<AuditCode> types, List<ActiveParticipant> participants, List<ParticipantObject> objects) {
    return new AuditMessage(
        new EventIdentification(
            eventId, action, clock.instant(), success ? Outcome.SUCCESS : Outcome.MINOR_FAILURE,
            Optional.ofNullable(description), types),
        participants, source, objects);
  }

  private static ActiveParticipant requestor(Principal who, List<AuditCode> roles) {
    return new ActiveParticipant(who.name(), Optional.empty(), true, who.address(), roles);
  }

  private ActiveParticipant node(List<AuditCode> roles) {
    return new ActiveParticipant(source.sourceId(), Optional.empty(), false, Optional.empty(), roles);
  }

  private static List<ParticipantObject> studyObjects(String patientId, String studyUid) {
    List<ParticipantObject> objects = new ArrayList<>(2);
    if (studyUid != null) {
      objects.add(ParticipantObject.study(studyUid));
    }
    if (patientId != null) {
      objects.add(ParticipantObject.patient(patientId));
    }
    return objects;
  }
}
