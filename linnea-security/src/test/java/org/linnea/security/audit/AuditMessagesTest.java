package org.linnea.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Principal.Authentication;
import org.linnea.security.access.Principal.Kind;
import org.linnea.security.access.Role;
import org.linnea.security.audit.AuditMessage.AuditSource;
import org.linnea.security.testing.MutableClock;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AuditMessagesTest {

  static final Principal READER = new Principal("dr.who", Kind.USER, "org1", Set.of(Role.READER),
      Authentication.BEARER_TOKEN, Optional.of("192.168.4.7"));
  final AuditMessages messages = new AuditMessages(AuditSource.of("linnea-node-1", "org1"), new MutableClock());

  @Test
  void everyEventHasItsCodes() {
    assertThat(messages.login("a", "1.2.3.4", true, null).event().eventId().code()).isEqualTo("110114");
    assertThat(messages.query(READER, "1.2.840.10008.5.1.4.1.2.2.1", "P1", true).event().eventId().code()).isEqualTo("110112");
    assertThat(messages.view(READER, "P1", "1.2.3", true).event().eventId().code()).isEqualTo("110103");
    assertThat(messages.retrieve(READER, "P1", "1.2.3", true).event().eventId().code()).isEqualTo("110104");
    assertThat(messages.store(READER, "P1", "1.2.3", true).event().action()).isEqualTo(AuditMessage.Action.CREATE);
    assertThat(messages.importStudy(READER, "P1", "1.2.3", true).event().eventId().code()).isEqualTo("110107");
    assertThat(messages.export(READER, "P1", "1.2.3", "USB", true).event().eventId().code()).isEqualTo("110106");
    assertThat(messages.share(READER, "P1", "1.2.3", "org2", true).event().eventTypes())
        .containsExactly(AuditCode.OBJECT_SECURITY_ATTRIBUTES_CHANGED);
    assertThat(messages.delete(READER, "P1", "1.2.3", true).event().eventId().code()).isEqualTo("110105");
    assertThat(messages.configurationChange(READER, AuditCode.SECURITY_CONFIGURATION, "tls").event().eventId().code())
        .isEqualTo("110113");
    assertThat(messages.applicationActivity(true).event().eventId().code()).isEqualTo("110100");
    assertThat(messages.auditLogUsed(READER).event().eventId().code()).isEqualTo("110101");
  }

  @Test
  void xmlHasTheSchemaStructure() throws Exception {
    AuditMessage m = messages.retrieve(READER, "PAT<1>&\"", "1.2.840.1", true);
    String xml = AuditXml.write(m);
    assertThat(xml).doesNotContain("\n");
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element root = d.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("AuditMessage");
    Element ev = (Element) root.getElementsByTagName("EventIdentification").item(0);
    assertThat(ev.getAttribute("EventActionCode")).isEqualTo("R");
    assertThat(ev.getAttribute("EventOutcomeIndicator")).isEqualTo("0");
    assertThat(ev.getAttribute("EventDateTime")).isEqualTo("2026-11-29T12:00:00Z");
    Element id = (Element) ev.getElementsByTagName("EventID").item(0);
    assertThat(id.getAttribute("csd-code")).isEqualTo("110104");
    assertThat(id.getAttribute("codeSystemName")).isEqualTo("DCM");
    assertThat(id.getAttribute("originalText")).isEqualTo("DICOM Instances Transferred");
    var parts = root.getElementsByTagName("ActiveParticipant");
    assertThat(parts.getLength()).isEqualTo(2);
    Element requestor = (Element) parts.item(0);
    assertThat(requestor.getAttribute("UserID")).isEqualTo("dr.who");
    assertThat(requestor.getAttribute("UserIsRequestor")).isEqualTo("true");
    assertThat(requestor.getAttribute("NetworkAccessPointID")).isEqualTo("192.168.4.7");
    assertThat(requestor.getAttribute("NetworkAccessPointTypeCode")).isEqualTo("2");
    assertThat(((Element) requestor.getElementsByTagName("RoleIDCode").item(0)).getAttribute("csd-code")).isEqualTo("110152");
    Element src = (Element) root.getElementsByTagName("AuditSourceIdentification").item(0);
    assertThat(src.getAttribute("AuditSourceID")).isEqualTo("linnea-node-1");
    var objs = root.getElementsByTagName("ParticipantObjectIdentification");
    assertThat(objs.getLength()).isEqualTo(2);
    Element study = (Element) objs.item(0);
    assertThat(study.getAttribute("ParticipantObjectTypeCode")).isEqualTo("2");
    assertThat(study.getAttribute("ParticipantObjectTypeCodeRole")).isEqualTo("3");
    assertThat(((Element) study.getElementsByTagName("ParticipantObjectIDTypeCode").item(0)).getAttribute("csd-code"))
        .isEqualTo("110180");
    Element patient = (Element) objs.item(1);
    assertThat(patient.getAttribute("ParticipantObjectID")).isEqualTo("PAT<1>&\"");
    assertThat(patient.getAttribute("ParticipantObjectTypeCode")).isEqualTo("1");
    assertThat(patient.getAttribute("ParticipantObjectTypeCodeRole")).isEqualTo("1");
  }

  @Test
  void jsonRoundTrips() {
    for (AuditMessage m : new AuditMessage[] {
        messages.login("alice", "10.0.0.1", false, "bad credentials"),
        messages.export(READER, "P1", "1.2.3", "USB stick", true),
        messages.query(READER, "1.2.840.10008.5.1.4.1.2.2.1", null, true),
        messages.applicationActivity(false)}) {
      String json = AuditJson.write(m);
      assertThat(AuditJson.read(json)).isEqualTo(m);
      assertThat(AuditJson.write(AuditJson.read(json))).isEqualTo(json);
    }
  }

  @Test
  void xmlEscapesControlCharacters() {
    assertThat(AuditXml.escape("a\u0001b\nc")).isEqualTo("a\uFFFDb&#10;c");
  }
}
