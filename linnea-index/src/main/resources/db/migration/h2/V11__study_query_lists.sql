-- Fills the study lists of version 10 for studies indexed before it (H2: LISTAGG), and indexes
-- the study-level name column for prefix matching.
UPDATE study SET modalities = (SELECT LISTAGG(DISTINCT modality, '\') WITHIN GROUP (ORDER BY modality)
  FROM series WHERE series.study_fk = study.pk AND modality IS NOT NULL);
UPDATE study SET sop_classes = (SELECT LISTAGG(DISTINCT sop_class_uid, '\') WITHIN GROUP (ORDER BY sop_class_uid)
  FROM instance WHERE instance.study_fk = study.pk);
CREATE INDEX study_patient_name_prefix ON study (org_fk, patient_name_norm);
