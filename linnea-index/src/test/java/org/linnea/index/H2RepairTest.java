package org.linnea.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded index's repair after an unclean shutdown: an index whose process died (the pool
 * closed without {@link Index#close}) has its unique constraints rebuilt at the next open, and
 * they still hold afterwards.
 */
class H2RepairTest {
  @TempDir Path dir;

  @Test
  void uniqueConstraintsAreRebuiltAfterAnUncleanShutdownAndStillHold() throws Exception {
    Index first = Index.open(IndexSettings.embedded(dir));
    first.ingest(Instances.make("P1", "Doe^John", "1.1", "20200115", "101500", "A1", "1.1.1", "CT", "1.1.1.1"), DuplicatePolicy.REJECT);
    assertThat(first.state(EmbeddedRepair.OPEN_MARK)).contains("open");
    ((HikariDataSource) first.dataSource()).close(); // as if killed: the open mark stays

    try (Index again = Index.open(IndexSettings.embedded(dir))) {
      assertThat(again.counts()[3]).isEqualTo(1);
      assertThatThrownBy(() -> again.ingest(Instances.make("P1", "Doe^John", "1.1", "20200115", "101500", "A1", "1.1.1", "CT", "1.1.1.1"),
          DuplicatePolicy.REJECT)).isInstanceOf(DuplicateInstanceException.class);
      try (Connection c = again.dataSource().getConnection()) {
        assertThatThrownBy(() -> c.createStatement().executeUpdate(
            "INSERT INTO patient (org_fk, patient_id, issuer, created_at) VALUES (1, 'P1', '', CURRENT_TIMESTAMP)"))
            .isInstanceOf(SQLException.class).hasMessageContaining("PATIENT_IDENTITY");
        assertThatThrownBy(() -> c.createStatement().executeUpdate(
            "INSERT INTO node_state (name, state_value, updated_at) VALUES ('index.open', 'x', CURRENT_TIMESTAMP)"))
            .isInstanceOf(SQLException.class);
      }
      again.ingest(Instances.make("P1", "Doe^John", "1.1", "20200115", "101500", "A1", "1.1.1", "CT", "1.1.1.2"), DuplicatePolicy.REJECT);
    }
    try (Index clean = Index.open(IndexSettings.embedded(dir))) {
      assertThat(clean.counts()[3]).isEqualTo(2);
    }
  }
}
