-- Prefix matching of names (LIKE 'ABC%'): PostgreSQL uses a B-tree for LIKE only with the
-- pattern operator class, unless the database collation is C. Every index starts with org_fk,
-- as queries always name the organisation.
CREATE INDEX patient_name_prefix ON patient (org_fk, patient_name_norm text_pattern_ops);
CREATE INDEX patient_id_prefix ON patient (org_fk, patient_id text_pattern_ops);
CREATE INDEX study_referring_prefix ON study (org_fk, referring_physician_norm text_pattern_ops);
