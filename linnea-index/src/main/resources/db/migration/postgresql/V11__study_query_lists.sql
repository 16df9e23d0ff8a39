-- Fills the study lists of version 10 for studies indexed before it (PostgreSQL: string_agg in
-- code point order, as the archive sorts them), and indexes the study-level name column for
-- prefix matching (pattern operator class: LIKE 'ABC%' uses the B-tree whatever the collation).
UPDATE study SET modalities = (SELECT string_agg(m, '\' ORDER BY m COLLATE "C")
  FROM (SELECT DISTINCT modality AS m FROM series WHERE series.study_fk = study.pk AND modality IS NOT NULL) x);
UPDATE study SET sop_classes = (SELECT string_agg(c, '\' ORDER BY c COLLATE "C")
  FROM (SELECT DISTINCT sop_class_uid AS c FROM instance WHERE instance.study_fk = study.pk) x);
CREATE INDEX study_patient_name_prefix ON study (org_fk, patient_name_norm text_pattern_ops);
