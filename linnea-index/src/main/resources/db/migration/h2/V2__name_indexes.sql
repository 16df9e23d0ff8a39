-- Prefix matching of names (LIKE 'ABC%'): H2 uses an ordinary index for it.
CREATE INDEX patient_name_prefix ON patient (patient_name_norm);
CREATE INDEX patient_id_prefix ON patient (patient_id);
CREATE INDEX study_referring_prefix ON study (referring_physician_norm);
