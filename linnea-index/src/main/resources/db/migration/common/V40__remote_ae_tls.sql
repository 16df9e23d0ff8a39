-- Whether a remote AE (a C-MOVE destination) is reached over DICOM TLS (PS3.15 Annex B).
ALTER TABLE remote_ae ADD COLUMN tls BOOLEAN DEFAULT FALSE NOT NULL;
