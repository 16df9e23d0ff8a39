/**
 * Audit messages in the structure of DICOM PS3.15 Annex A.5 (the IHE ATNA audit message, DICOM
 * schema of A.5.1, event codes of PS3.16 CID 400 "Audit Event ID", CID 401 "Audit Event Type
 * Code", CID 402 "Audit Active Participant Role ID Code", CID 404 "Audit Participant Object ID
 * Type Code") and the append-only, hash-chained log that keeps them.
 *
 * <p>Two encodings: {@link org.linnea.security.audit.AuditXml} writes the DICOM audit message XML
 * (for syslog, PS3.15 A.5.1); {@link org.linnea.security.audit.AuditJson} writes and reads the
 * same content as JSON, one object per log record, for storage and search.
 *
 * <p>{@link org.linnea.security.audit.AuditLog} is the persistence interface; {@link
 * org.linnea.security.audit.FileAuditLog} keeps it in a JSON Lines file. The archive will add a
 * JDBC implementation with the same chain.
 */
package org.linnea.security.audit;
