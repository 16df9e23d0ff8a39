package org.linnea.index;

/** The databases the index runs on; the few differences live in their migration folders. */
public enum Dialect {
  H2("db/migration/h2"),
  POSTGRESQL("db/migration/postgresql");

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /** Flyway locations: the common schema, then this dialect's additions. */
  String[] migrationLocations() {
    return new String[] {"classpath:db/migration/common", "classpath:" + migrations};
  }

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
    throw new IllegalArgumentException("unsupported index database (H2 or PostgreSQL): " + jdbcUrl.replaceAll("password=[^&;]*", "password=***"));
  }
}
