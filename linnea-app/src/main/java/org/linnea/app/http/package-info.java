/**
 * The HTTP door of a node (Jetty 12 core handlers, no framework): {@code GET /health} and the
 * admin API for remote AEs. DICOMweb (PS3.18) and the viewer will live in linnea-web.
 */
package org.linnea.app.http;
