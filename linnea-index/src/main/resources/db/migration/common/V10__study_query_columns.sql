-- Linnea index, version 10: study-level query columns, maintained at ingest so that a study-level
-- query (C-FIND, QIDO-RS) reads one table instead of joining and aggregating at query time.
--
-- patient_name_norm  the patient's upper-cased name (as patient.patient_name_norm), for name
--                    matching on the study table with the study's own indexes
-- modalities         Modalities in Study (0008,0061): the distinct modalities of the study's
--                    series, sorted, joined by '\'
-- sop_classes        SOP Classes in Study (0008,0062): the distinct SOP Class UIDs of its
--                    instances, sorted, joined by '\'
ALTER TABLE study ADD COLUMN patient_name_norm VARCHAR(1024);
ALTER TABLE study ADD COLUMN modalities VARCHAR(1024);
ALTER TABLE study ADD COLUMN sop_classes VARCHAR(65536);
UPDATE study SET patient_name_norm = (SELECT p.patient_name_norm FROM patient p WHERE p.pk = study.patient_fk);
