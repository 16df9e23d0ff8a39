package org.linnea.security.audit;

import java.time.format.DateTimeFormatter;
import org.linnea.security.audit.AuditMessage.ActiveParticipant;
import org.linnea.security.audit.AuditMessage.ParticipantObject;

/**
 * Writes an {@link AuditMessage} as the DICOM audit message XML of PS3.15 A.5.1 (the schema that
 * IHE ATNA uses), on one line, without an XML declaration — the form syslog forwarders send.
 * Coded values use the schema's {@code csd-code}, {@code codeSystemName} and {@code originalText}
 * attributes; times are UTC with milliseconds.
 */
public final class AuditXml {

  private AuditXml() {}

  /** The message as XML text. */
  public static String write(AuditMessage m) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("<AuditMessage>");
    var e = m.event();
    sb.append("<EventIdentification EventActionCode=\"").append(e.action().code())
        .append("\" EventDateTime=\"").append(DateTimeFormatter.ISO_INSTANT.format(e.dateTime()))
        .append("\" EventOutcomeIndicator=\"").append(e.outcome().code()).append("\">");
    code(sb, "EventID", e.eventId());
    for (AuditCode t : e.eventTypes()) {
      code(sb, "EventTypeCode", t);
    }
    e.outcomeDescription().ifPresent(d ->
        sb.append("<EventOutcomeDescription>").append(escape(d)).append("</EventOutcomeDescription>"));
    sb.append("</EventIdentification>");
    for (ActiveParticipant p : m.participants()) {
      sb.append("<ActiveParticipant UserID=\"").append(escape(p.userId())).append('"');
      p.alternativeUserId().ifPresent(a -> attr(sb, "AlternativeUserID", a));
      attr(sb, "UserIsRequestor", Boolean.toString(p.requestor()));
      p.networkAccessPointId().ifPresent(a -> attr(sb, "NetworkAccessPointID", a));
      p.networkAccessPointTypeCode().ifPresent(a -> attr(sb, "NetworkAccessPointTypeCode", a));
      if (p.roles().isEmpty()) {
        sb.append("/>");
      } else {
        sb.append('>');
        for (AuditCode r : p.roles()) {
          code(sb, "RoleIDCode", r);
        }
        sb.append("</ActiveParticipant>");
      }
    }
    var s = m.source();
    sb.append("<AuditSourceIdentification");
    s.enterpriseSiteId().ifPresent(a -> attr(sb, "AuditEnterpriseSiteID", a));
    attr(sb, "AuditSourceID", s.sourceId());
    sb.append('>');
    for (AuditCode t : s.types()) {
      code(sb, "AuditSourceTypeCode", t);
    }
    sb.append("</AuditSourceIdentification>");
    for (ParticipantObject o : m.objects()) {
      sb.append("<ParticipantObjectIdentification");
      attr(sb, "ParticipantObjectID", o.id());
      attr(sb, "ParticipantObjectTypeCode", Integer.toString(o.typeCode()));
      attr(sb, "ParticipantObjectTypeCodeRole", Integer.toString(o.typeCodeRole()));
      sb.append('>');
      code(sb, "ParticipantObjectIDTypeCode", o.idType());
      sb.append("</ParticipantObjectIdentification>");
    }
    sb.append("</AuditMessage>");
    return sb.toString();
  }

  private static void code(StringBuilder sb, String element, AuditCode c) {
    sb.append('<').append(element);
    attr(sb, "csd-code", c.code());
    attr(sb, "codeSystemName", c.codeSystemName());
    attr(sb, "originalText", c.originalText());
    sb.append("/>");
  }

  private static void attr(StringBuilder sb, String name, String value) {
    sb.append(' ').append(name).append("=\"").append(escape(value)).append('"');
  }

  /** XML-escapes text for attributes and content; characters XML 1.0 forbids become U+FFFD. */
  static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&apos;";
        case '\t' -> "&#9;";
        case '\n' -> "&#10;";
        case '\r' -> "&#13;";
        default -> (c < 0x20 || c == 0xFFFE || c == 0xFFFF) ? "\uFFFD" : null;
      };
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }
}
