-- Prefix matching of names (LIKE 'ABC%'). Every index starts with org_fk, as queries always
-- name the organisation: H2 then prefers these to the foreign-key index on org_fk alone.
CREATE INDEX patient_name_prefix ON patient (org_fk, patient_name_norm);
CREATE INDEX study_referring_prefix ON study (org_fk, referring_physician_norm);
