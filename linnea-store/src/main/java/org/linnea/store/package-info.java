/**
 * Object storage for the archive: immutable, content-addressed objects (the key is the SHA-256 of
 * the bytes) behind {@link org.linnea.store.ObjectStore}, and a file-system implementation that
 * writes to a temporary file, forces it, renames it atomically into a hash-fanned directory and
 * forces the directory before a write is reported durable.
 *
 * <p>Knows nothing about DICOM: the archive decides what goes in and how it is indexed.
 */
package org.linnea.store;
