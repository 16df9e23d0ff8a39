package org.linnea.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair of the embedded H2 index after the process was killed.
 *
 * <p>H2 (2.5) can leave an uncommitted entry in an index map that no transaction owns — a
 * "leftover" of a transaction cut by the crash whose undo record was not written with it. Reads
 * skip such entries and H2 overwrites them when a write reaches the same key, but its unique
 * check does not: an insert of the same unique key (the recovery sweep re-indexing the object
 * whose row was in flight) waits on the leftover until the lock timeout, on every retry. That was
 * the livelock of the kill test. The {@link IndexWriter}'s single writer keeps new leftovers from
 * being written; this repair removes any that exist: an index is open while a row in {@code
 * node_state} says so, and when it is found at start-up the previous process did not close the
 * index, so every unique constraint of the schema is dropped and created again (a rebuild from
 * the committed rows, seconds for a million instances).
 */
final class EmbeddedRepair {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRepair.class);
  static final String OPEN_MARK = "index.open";

  private EmbeddedRepair() {}

  /** Rebuilds the unique constraints if the previous process did not close the index, then marks it open. */
  static void afterUncleanShutdown(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      boolean unclean;
      try (PreparedStatement ps = c.prepareStatement("SELECT state_value FROM node_state WHERE name = ?")) {
        ps.setString(1, OPEN_MARK);
        try (ResultSet rs = ps.executeQuery()) {
          unclean = rs.next();
        }
      }
      if (unclean) rebuildUniqueConstraints(c);
      try (Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM node_state WHERE name = '" + OPEN_MARK + "'");
        st.executeUpdate("INSERT INTO node_state (name, state_value, updated_at) VALUES ('" + OPEN_MARK + "', 'open', CURRENT_TIMESTAMP)");
      }
    }
  }

  /** Marks a clean close (the writer has stopped). */
  static void markClosed(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM node_state WHERE name = '" + OPEN_MARK + "'");
    }
  }

  static void rebuildUniqueConstraints(Connection c) throws SQLException {
    long t0 = System.nanoTime();
    // table and constraint -> {type, column list, whether the key is one integer column}
    Map<String, String[]> constraints = new LinkedHashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, col.DATA_TYPE"
            + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
            + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " JOIN INFORMATION_SCHEMA.COLUMNS col ON col.TABLE_SCHEMA = k.TABLE_SCHEMA AND col.TABLE_NAME = k.TABLE_NAME AND col.COLUMN_NAME = k.COLUMN_NAME"
            + " WHERE tc.CONSTRAINT_SCHEMA = 'PUBLIC' AND tc.CONSTRAINT_TYPE IN ('UNIQUE', 'PRIMARY KEY')"
            + " ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
      while (rs.next()) {
        String key = rs.getString(1) + "\u0000" + rs.getString(2);
        String column = quote(rs.getString(4));
        boolean integral = rs.getString(5).equals("BIGINT") || rs.getString(5).equals("INTEGER");
        String[] v = constraints.get(key);
        if (v == null) constraints.put(key, new String[] {rs.getString(3), column, Boolean.toString(integral)});
        else constraints.put(key, new String[] {v[0], v[1] + ", " + column, "false"});
      }
    }
    List<String> rebuilt = new ArrayList<>();
    for (Map.Entry<String, String[]> e : constraints.entrySet()) {
      String table = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
      String name = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
      String[] v = e.getValue();
      // A primary key of one integer column is the key of H2's row map itself (no separate index).
      if (v[0].equals("PRIMARY KEY") && Boolean.parseBoolean(v[2])) continue;
      try (Statement st = c.createStatement()) {
        st.executeUpdate("ALTER TABLE " + quote(table) + " DROP CONSTRAINT " + quote(name));
        st.executeUpdate("ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(name) + " " + v[0] + " (" + v[1] + ")");
        rebuilt.add(table + "." + name);
      } catch (SQLException ex) {
        // A key other constraints depend on cannot be dropped; it stays as it is.
        LOG.warn("unique constraint not rebuilt: table={} constraint={} reason={}", table, name, ex.getMessage());
      }
    }
    LOG.warn("index was not closed cleanly: rebuilt unique constraints={} took_ms={}", rebuilt, (System.nanoTime() - t0) / 1_000_000);
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
