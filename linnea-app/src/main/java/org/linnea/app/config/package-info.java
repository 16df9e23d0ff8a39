/**
 * Configuration of a Linnea node: a YAML file given with {@code --config}, every setting of which
 * may be overridden by an environment variable ({@code dicom.port} by {@code LINNEA_DICOM_PORT}),
 * frozen into an immutable {@link org.linnea.app.config.Configuration}. Documented in
 * docs/configuration.md.
 */
package org.linnea.app.config;
