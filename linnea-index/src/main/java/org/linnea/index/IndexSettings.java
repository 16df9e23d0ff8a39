package org.linnea.index;

import java.nio.file.Path;

/**
 * How to reach the index database. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl {@code jdbc:h2:file:…} (embedded) or {@code jdbc:postgresql://host:port/db}
 * @param user the database user; may be empty for H2
 * @param password the database password; may be empty
 * @param maxPoolSize connections in the pool
 */
public record IndexSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
  public IndexSettings {
    if (jdbcUrl == null || jdbcUrl.isBlank()) throw new IllegalArgumentException("no index JDBC URL");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (maxPoolSize < 1) throw new IllegalArgumentException("pool size must be at least 1");
  }

  /**
   * An embedded H2 database in {@code dir}. Lock timeout 10 s (concurrent stores of one study
   * wait for each other rather than fail). Write delay 0: H2 otherwise keeps commits in memory for
   * up to 500 ms, and a C-STORE is only acknowledged after its index commit.
   */
  public static IndexSettings embedded(Path dir) {
    return new IndexSettings("jdbc:h2:file:" + dir.toAbsolutePath().resolve("index") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "", 16);
  }

  public Dialect dialect() {
    return Dialect.of(jdbcUrl);
  }

  @Override
  public String toString() {
    return "IndexSettings[" + jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=***") + ", user=" + user
        + (password.isEmpty() ? "" : ", password=***") + ", pool=" + maxPoolSize + "]";
  }
}
