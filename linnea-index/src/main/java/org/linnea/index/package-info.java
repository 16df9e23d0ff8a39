/**
 * The archive's index: a relational database of the patient / study / series / instance
 * hierarchy of PS3.4 Annex C (Patient Root and Study Root Query/Retrieve Information Models) with
 * the attributes C-FIND and QIDO-RS (PS3.18 10.6) match on, and where each instance's bytes are in
 * the object store.
 *
 * <ul>
 *   <li>{@link org.linnea.index.Index}: the connection pool, Flyway migrations, the ingest write
 *       and lookups for retrieve, verify and the recovery sweep. Ingest writes go through one
 *       writer thread with group commit ({@link org.linnea.index.IndexWriter}), each transaction
 *       an {@link org.linnea.index.IngestBatch} (instances with their parents, counters and study
 *       lists); {@link org.linnea.index.EmbeddedRepair} rebuilds H2's unique constraints after the
 *       process was killed.
 *   <li>{@link org.linnea.index.Query}: the query model (level, keys with the matching types of
 *       PS3.4 C.2.2.2: single value, wildcard, range, UID list, universal) and its translation to
 *       parameterised SQL in {@link org.linnea.index.QuerySql}.
 * </ul>
 *
 * <p>H2 (embedded, the default) and PostgreSQL run the same SQL except for the migrations in the
 * dialect folders; {@link org.linnea.index.Dialect} says which.
 */
package org.linnea.index;
