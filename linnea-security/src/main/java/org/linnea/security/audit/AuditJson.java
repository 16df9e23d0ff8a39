package org.linnea.security.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linnea.security.audit.AuditMessage.Action;
import org.linnea.security.audit.AuditMessage.ActiveParticipant;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.audit.AuditMessage.EventIdentification;
import org.linnea.security.audit.AuditMessage.Outcome;
import org.linnea.security.audit.AuditMessage.ParticipantObject;

/**
 * The JSON form of an {@link AuditMessage}, for storage: the element and attribute names of the
 * PS3.15 A.5.1 XML schema as keys, repeated elements as arrays. Deterministic output (fixed key
 * order), which the hash chain relies on.
 *
 * <pre>{"EventIdentification":{"EventID":{"csd-code":"110114",…},"EventActionCode":"E",
 *  "EventDateTime":"2026-…Z","EventOutcomeIndicator":0,"EventTypeCode":[…]},
 *  "ActiveParticipant":[{"UserID":"alice","UserIsRequestor":true,…}],
 *  "AuditSourceIdentification":{"AuditSourceID":"node1",…},
 *  "ParticipantObjectIdentification":[…]}</pre>
 */
public final class AuditJson {

  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private AuditJson() {}

  /** The message as a JSON object text. */
  public static String write(AuditMessage m) {
    StringWriter w = new StringWriter(1024);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      write(m, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Writes the message as one JSON object to the generator. */
  public static void write(AuditMessage m, JsonGenerator g) throws IOException {
    g.writeStartObject();
    var e = m.event();
    g.writeObjectFieldStart("EventIdentification");
    code(g, "EventID", e.eventId());
    g.writeStringField("EventActionCode", e.action().code());
    g.writeStringField("EventDateTime", e.dateTime().toString());
    g.writeNumberField("EventOutcomeIndicator", e.outcome().code());
    if (e.outcomeDescription().isPresent()) {
      g.writeStringField("EventOutcomeDescription", e.outcomeDescription().get());
    }
    codes(g, "EventTypeCode", e.eventTypes());
    g.writeEndObject();
    g.writeArrayFieldStart("ActiveParticipant");
    for (ActiveParticipant p : m.participants()) {
      g.writeStartObject();
      g.writeStringField("UserID", p.userId());
      if (p.alternativeUserId().isPresent()) {
        g.writeStringField("AlternativeUserID", p.alternativeUserId().get());
      }
      g.writeBooleanField("UserIsRequestor", p.requestor());
      if (p.networkAccessPointId().isPresent()) {
        g.writeStringField("NetworkAccessPointID", p.networkAccessPointId().get());
      }
      codes(g, "RoleIDCode", p.roles());
      g.writeEndObject();
    }
    g.writeEndArray();
    var s = m.source();
    g.writeObjectFieldStart("AuditSourceIdentification");
    g.writeStringField("AuditSourceID", s.sourceId());
    if (s.enterpriseSiteId().isPresent()) {
      g.writeStringField("AuditEnterpriseSiteID", s.enterpriseSiteId().get());
    }
    codes(g, "AuditSourceTypeCode", s.types());
    g.writeEndObject();
    g.writeArrayFieldStart("ParticipantObjectIdentification");
    for (ParticipantObject o : m.objects()) {
      g.writeStartObject();
      g.writeStringField("ParticipantObjectID", o.id());
      g.writeNumberField("ParticipantObjectTypeCode", o.typeCode());
      g.writeNumberField("ParticipantObjectTypeCodeRole", o.typeCodeRole());
      code(g, "ParticipantObjectIDTypeCode", o.idType());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Reads a message from its JSON text. */
  public static AuditMessage read(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      return fromTree(asMap(tree(p)));
    } catch (IOException e) {
      throw new IllegalArgumentException("not an audit message: " + e.getMessage(), e);
    }
  }

  /** Reads a generic tree (maps, lists, strings, numbers, booleans) at the parser's current token. */
  static Object tree(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("unexpected end of input");
    }
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, tree(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(tree(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected " + t);
    }
  }

  static AuditMessage fromTree(Map<String, Object> root) {
    Map<String, Object> e = asMap(root.get("EventIdentification"));
    EventIdentification event = new EventIdentification(
        code(e.get("EventID")),
        Action.ofCode(str(e, "EventActionCode")),
        Instant.parse(str(e, "EventDateTime")),
        Outcome.ofCode(((Number) e.get("EventOutcomeIndicator")).intValue()),
        Optional.ofNullable((String) e.get("EventOutcomeDescription")),
        codes(e.get("EventTypeCode")));
    List<ActiveParticipant> participants = new ArrayList<>();
    for (Object o : asList(root.get("ActiveParticipant"))) {
      Map<String, Object> p = asMap(o);
      participants.add(new ActiveParticipant(
          str(p, "UserID"),
          Optional.ofNullable((String) p.get("AlternativeUserID")),
          Boolean.TRUE.equals(p.get("UserIsRequestor")),
          Optional.ofNullable((String) p.get("NetworkAccessPointID")),
          codes(p.get("RoleIDCode"))));
    }
    Map<String, Object> s = asMap(root.get("AuditSourceIdentification"));
    AuditSource source = new AuditSource(
        str(s, "AuditSourceID"),
        Optional.ofNullable((String) s.get("AuditEnterpriseSiteID")),
        codes(s.get("AuditSourceTypeCode")));
    List<ParticipantObject> objects = new ArrayList<>();
    for (Object o : asList(root.get("ParticipantObjectIdentification"))) {
      Map<String, Object> p = asMap(o);
      objects.add(new ParticipantObject(
          str(p, "ParticipantObjectID"),
          ((Number) p.get("ParticipantObjectTypeCode")).intValue(),
          ((Number) p.get("ParticipantObjectTypeCodeRole")).intValue(),
          code(p.get("ParticipantObjectIDTypeCode"))));
    }
    return new AuditMessage(event, participants, source, objects);
  }

  private static void code(JsonGenerator g, String name, AuditCode c) throws IOException {
    g.writeFieldName(name);
    code(g, c);
  }

  private static void code(JsonGenerator g, AuditCode c) throws IOException {
    g.writeStartObject();
    g.writeStringField("csd-code", c.code());
    g.writeStringField("codeSystemName", c.codeSystemName());
    g.writeStringField("originalText", c.originalText());
    g.writeEndObject();
  }

  private static void codes(JsonGenerator g, String name, List<AuditCode> cs) throws IOException {
    if (cs.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (AuditCode c : cs) {
      code(g, c);
    }
    g.writeEndArray();
  }

  private static AuditCode code(Object o) {
    Map<String, Object> m = asMap(o);
    return new AuditCode(str(m, "csd-code"), str(m, "codeSystemName"), str(m, "originalText"));
  }

  private static List<AuditCode> codes(Object o) {
    List<AuditCode> out = new ArrayList<>();
    if (o != null) {
      for (Object c : asList(o)) {
        out.add(code(c));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object o) {
    if (o == null) {
      return List.of();
    }
    if (!(o instanceof List)) {
      throw new IllegalArgumentException("expected a JSON array");
    }
    return (List<Object>) o;
  }

  static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("missing or not a string: " + key);
    }
    return s;
  }
}
