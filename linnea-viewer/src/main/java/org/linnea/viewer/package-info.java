/**
 * The web viewer: its static files (under {@code resources/org/linnea/viewer/ui}, plain ES modules
 * that talk to Linnea only through DICOMweb and the {@code /api} endpoints) and {@link
 * org.linnea.viewer.ViewerAssets}, the Jetty handler that serves them. See docs/viewer.md.
 */
package org.linnea.viewer;
