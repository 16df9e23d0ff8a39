package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.app.config.Configuration;
import org.linnea.app.config.ConfigurationException;
import org.linnea.index.DuplicatePolicy;

class ConfigurationTest {
  @TempDir Path dir;

  @Test
  void defaults() {
    Configuration c = Configuration.load(Optional.empty(), Map.of());
    assertThat(c.dicomPort()).isEqualTo(11112);
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.aeTitle()).isEqualTo("LINNEA");
    assertThat(c.storagePath()).isEqualTo(Path.of("./linnea-data"));
    assertThat(c.indexSettings().jdbcUrl()).startsWith("jdbc:h2:file:");
    assertThat(c.duplicatePolicy()).isEqualTo(DuplicatePolicy.ACCEPT_IF_IDENTICAL);
  }

  @Test
  void yamlThenEnvironment() throws IOException {
    Path f = dir.resolve("linnea.yaml");
    Files.writeString(f, """
        dicom:
          port: 4242
          aeTitle: ARCHIVE1
        http:
          port: 9090
        storage:
          path: /srv/linnea
        index:
          url: jdbc:postgresql://db:5432/linnea
          user: linnea
          password: s3cret
        archive:
          duplicatePolicy: replace
        remoteAes:
          - aeTitle: VIEWER
            host: 10.0.0.5
            port: 104
          - WORKSTATION@10.0.0.6:11112
        """);
    Configuration c = Configuration.load(Optional.of(f), Map.of("LINNEA_DICOM_PORT", "11113", "LINNEA_INDEX_PASSWORD", "fromenv"));
    assertThat(c.dicomPort()).isEqualTo(11113);
    assertThat(c.aeTitle()).isEqualTo("ARCHIVE1");
    assertThat(c.httpPort()).isEqualTo(9090);
    assertThat(c.duplicatePolicy()).isEqualTo(DuplicatePolicy.REPLACE);
    assertThat(c.indexSettings().password()).isEqualTo("fromenv");
    assertThat(c.remoteAes()).extracting(Object::toString).containsExactly("VIEWER@10.0.0.5:104", "WORKSTATION@10.0.0.6:11112");
    assertThat(c.toString()).doesNotContain("fromenv").doesNotContain("s3cret").contains("password=***");
  }

  @Test
  void environmentVariableNames() {
    assertThat(Configuration.environmentVariable("dicom.port")).isEqualTo("LINNEA_DICOM_PORT");
    assertThat(Configuration.environmentVariable("dicom.aeTitle")).isEqualTo("LINNEA_DICOM_AE_TITLE");
    assertThat(Configuration.environmentVariable("remoteAes")).isEqualTo("LINNEA_REMOTE_AES");
    Configuration c = Configuration.load(Optional.empty(), Map.of("LINNEA_REMOTE_AES", "A@h:1,B@k:2", "LINNEA_DICOM_AE_TITLE", "X"));
    assertThat(c.remoteAes()).hasSize(2);
    assertThat(c.aeTitle()).isEqualTo("X");
  }

  @Test
  void mistakesAreNamed() throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "dicom:\n  prot: 1\n");
    assertThatThrownBy(() -> Configuration.load(Optional.of(f), Map.of())).isInstanceOf(ConfigurationException.class).hasMessageContaining("dicom.prot");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_HTTP_PORT", "eighty")))
        .hasMessageContaining("http.port").hasMessageContaining("LINNEA_HTTP_PORT");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_DICOM_AE_TITLE", "MUCH_TOO_LONG_AE_TITLE"))).hasMessageContaining("AE title");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_ARCHIVE_DUPLICATE_POLICY", "keep_newest"))).hasMessageContaining("duplicatePolicy");
  }

  @Test
  void securitySettingsFromYamlAndTheirMistakes() throws IOException {
    Path f = dir.resolve("security.yaml");
    Files.writeString(f, String.join("\n", "security:", "  organisation: karolinska", "  sessionMinutes: 60", "  dicom:", "    callers:",
        "      - CT1@10.0.1.20=karolinska:UPLOADER", "      - WS@10.0.2.0/24, 10.0.3.4=karolinska:READER+SERVICE", "    maxAssociationsPerPeer: 4", ""));
    Configuration c = Configuration.load(Optional.of(f), Map.of());
    assertThat(c.security().organisation()).isEqualTo("karolinska");
    assertThat(c.security().sessionTtl()).hasMinutes(60);
    assertThat(c.security().dicomCallers()).hasSize(2);
    assertThat(c.security().dicomCallers().get(1).networks()).containsExactly("10.0.2.0/24", "10.0.3.4");
    assertThat(c.security().dicomCallers().get(1).roles()).containsExactlyInAnyOrder(org.linnea.security.access.Role.READER, org.linnea.security.access.Role.SERVICE);
    assertThat(c.security().dicomMaxAssociationsPerPeer()).isEqualTo(4);
    assertThat(c.security().oidcEnabled()).isFalse();

    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_SECURITY_DICOM_CALLERS", "CT1@10.0.0.1")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("security.dicom.callers").hasMessageContaining("AET@NETWORK");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_SECURITY_DICOM_CALLERS", "CT1@10.0.0.1=org:WIZARD")))
        .hasMessageContaining("no role 'WIZARD'");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_SECURITY_DICOM_CALLERS", "CT1@ct.example.org=org:READER")))
        .hasMessageContaining("security.dicom.callers");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_SECURITY_OIDC_ISSUER", "https://idp")))
        .hasMessageContaining("security.oidc.audience");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_SECURITY_OIDC_ISSUER", "https://idp", "LINNEA_SECURITY_OIDC_AUDIENCE", "l")))
        .hasMessageContaining("jwksUrl");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_SECURITY_SYSLOG_HOST", "collector")))
        .hasMessageContaining("security.syslog.caFile");
    assertThatThrownBy(() -> Configuration.load(Optional.empty(), Map.of("LINNEA_SECURITY_SESSION_MINUTES", "0")))
        .hasMessageContaining("security.sessionMinutes");
  }
}
