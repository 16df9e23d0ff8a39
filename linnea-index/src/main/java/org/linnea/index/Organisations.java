package org.linnea.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Organisation names (as principals carry them) to the index's organisation keys, which every
 * query and every ingested row carries. The first migration made {@code default} with key 1.
 * Names are created on first use ({@link #idOf}) — a principal of an organisation that holds
 * nothing yet simply finds nothing — and cached: rows are never renamed or deleted.
 */
public final class Organisations {
  private final DataSource db;
  private final ConcurrentHashMap<String, Long> ids = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, String> names = new ConcurrentHashMap<>();

  public Organisations(DataSource db) {
    this.db = db;
  }

  /** The key of the organisation called {@code name}, inserted when there is none. */
  public long idOf(String name) {
    if (name == null || name.isBlank() || name.length() > 200) throw new IllegalArgumentException("organisation name must be 1 to 200 characters: " + name);
    Long id = ids.get(name);
    if (id != null) return id;
    try (Connection c = db.getConnection()) {
      Optional<Long> found = find(c, name);
      if (found.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO organisation (name) VALUES (?)")) {
          ps.setString(1, name);
          ps.executeUpdate();
        } catch (SQLException e) {
          // Another node or thread inserted it first: the unique name constraint; read it back.
          if (find(c, name).isEmpty()) throw e;
        }
        found = find(c, name);
      }
      long pk = found.orElseThrow();
      ids.put(name, pk);
      return pk;
    } catch (SQLException e) {
      throw new IndexException("cannot look up organisation " + name + ": " + e.getMessage(), e);
    }
  }

  /** The name of the organisation with key {@code id}. */
  public String nameOf(long id) {
    String name = names.get(id);
    if (name != null) return name;
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT name FROM organisation WHERE pk = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new IndexException("no organisation with key " + id);
        name = rs.getString(1);
      }
      names.put(id, name);
      return name;
    } catch (SQLException e) {
      throw new IndexException("cannot look up organisation " + id + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Long> find(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pk FROM organisation WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
