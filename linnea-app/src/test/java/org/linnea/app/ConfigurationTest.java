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
}
