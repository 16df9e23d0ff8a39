/**
 * DICOMweb (PS3.18) for Linnea: QIDO-RS search (10.6), WADO-RS retrieve (10.4) including
 * metadata, frames, bulk data, rendered and thumbnail resources, STOW-RS store (10.5) and
 * WADO-URI (PS3.18 9). {@link org.linnea.web.DicomWeb} is a plain Jetty 12 handler that the
 * node mounts under {@code /dicomweb}; every transaction goes through the archive's ingest, query
 * and retrieve services, never around them.
 */
package org.linnea.web;
