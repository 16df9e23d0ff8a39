package org.linnea.security.audit;

import java.util.Objects;

/**
 * A coded value of the audit schema (PS3.15 A.5.1, "CodedValueType"): {@code csd-code}, {@code
 * codeSystemName} and {@code originalText} (the code meaning).
 *
 * @param code the code value ({@code csd-code})
 * @param codeSystemName the coding scheme ("DCM", "RFC-3881")
 * @param originalText the code meaning
 */
public record AuditCode(String code, String codeSystemName, String originalText) {

  public AuditCode {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(codeSystemName, "codeSystemName");
    Objects.requireNonNull(originalText, "originalText");
  }

  private static AuditCode dcm(String code, String meaning) {
    return new AuditCode(code, "DCM", meaning);
  }

  // CID 400 Audit Event ID
  public static final AuditCode APPLICATION_ACTIVITY = dcm("110100", "Application Activity");
  public static final AuditCode AUDIT_LOG_USED = dcm("110101", "Audit Log Used");
  public static final AuditCode BEGIN_TRANSFERRING = dcm("110102", "Begin Transferring DICOM Instances");
  public static final AuditCode INSTANCES_ACCESSED = dcm("110103", "DICOM Instances Accessed");
  public static final AuditCode INSTANCES_TRANSFERRED = dcm("110104", "DICOM Instances Transferred");
  public static final AuditCode STUDY_DELETED = dcm("110105", "DICOM Study Deleted");
  public static final AuditCode EXPORT = dcm("110106", "Export");
  public static final AuditCode IMPORT = dcm("110107", "Import");
  public static final AuditCode NETWORK_ENTRY = dcm("110108", "Network Entry");
  public static final AuditCode QUERY = dcm("110112", "Query");
  public static final AuditCode SECURITY_ALERT = dcm("110113", "Security Alert");
  public static final AuditCode USER_AUTHENTICATION = dcm("110114", "User Authentication");

  // CID 401 Audit Event Type Code
  public static final AuditCode APPLICATION_START = dcm("110120", "Application Start");
  public static final AuditCode APPLICATION_STOP = dcm("110121", "Application Stop");
  public static final AuditCode LOGIN = dcm("110122", "Login");
  public static final AuditCode LOGOUT = dcm("110123", "Logout");
  public static final AuditCode NETWORK_CONFIGURATION = dcm("110128", "Network Configuration");
  public static final AuditCode SECURITY_CONFIGURATION = dcm("110129", "Security Configuration");
  public static final AuditCode SOFTWARE_CONFIGURATION = dcm("110131", "Software Configuration");
  public static final AuditCode USE_OF_RESTRICTED_FUNCTION = dcm("110132", "Use of Restricted Function");
  public static final AuditCode OBJECT_SECURITY_ATTRIBUTES_CHANGED =
      dcm("110135", "Object Security Attributes Changed");
  public static final AuditCode SECURITY_ROLES_CHANGED = dcm("110136", "Security Roles Changed");
  public static final AuditCode USER_SECURITY_ATTRIBUTES_CHANGED =
      dcm("110137", "User security Attributes Changed");

  // CID 402 Audit Active Participant Role ID Code
  public static final AuditCode ROLE_APPLICATION = dcm("110150", "Application");
  public static final AuditCode ROLE_APPLICATION_LAUNCHER = dcm("110151", "Application Launcher");
  public static final AuditCode ROLE_DESTINATION = dcm("110152", "Destination Role ID");
  public static final AuditCode ROLE_SOURCE = dcm("110153", "Source Role ID");
  public static final AuditCode ROLE_DESTINATION_MEDIA = dcm("110154", "Destination Media");
  public static final AuditCode ROLE_SOURCE_MEDIA = dcm("110155", "Source Media");

  // Participant Object ID Type Codes (RFC 3881 and CID 404)
  public static final AuditCode ID_PATIENT_NUMBER = new AuditCode("2", "RFC-3881", "Patient Number");
  public static final AuditCode ID_STUDY_INSTANCE_UID = dcm("110180", "Study Instance UID");
  public static final AuditCode ID_SOP_CLASS_UID = dcm("110181", "SOP Class UID");
  public static final AuditCode ID_NODE_ID = dcm("110182", "Node ID");
  public static final AuditCode ID_USER_IDENTIFIER = new AuditCode("11", "RFC-3881", "User Identifier");

  // Audit source type (RFC 3881 5.4 / PS3.15 A.5.1): 4 = application server process
  public static final AuditCode SOURCE_APPLICATION_SERVER =
      new AuditCode("4", "DCM", "Application Server process tier in multi-tier system");
}
