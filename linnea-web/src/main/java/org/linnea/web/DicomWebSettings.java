package org.linnea.web;

import java.nio.file.Path;
import java.util.List;

/**
 * How the DICOMweb service behaves.
 *
 * @param maxUploadBytes the largest STOW-RS request body accepted; a larger one gets 413
 * @param corsAllowedOrigins origins a browser may call from ({@code https://viewer.example.org});
 *     {@code "*"} allows every origin; empty: no CORS headers at all (same-origin only)
 * @param thumbnailCacheBytes memory kept for encoded thumbnails
 * @param spoolDirectory where STOW-RS parts are written and checked before ingest (one part at a
 *     time); null for the system's temporary directory
 * @param maxQueryResults the most answers a QIDO-RS response carries; a larger limit is cut down
 *     with a Warning header
 */
public record DicomWebSettings(long maxUploadBytes, List<String> corsAllowedOrigins, long thumbnailCacheBytes, Path spoolDirectory, int maxQueryResults) {
  public static final DicomWebSettings DEFAULT = new DicomWebSettings(4L << 30, List.of(), 32L << 20, null, 1000);

  public DicomWebSettings {
    if (maxUploadBytes < 1) throw new IllegalArgumentException("maxUploadBytes must be positive");
    if (maxQueryResults < 0) throw new IllegalArgumentException("maxQueryResults must not be negative");
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }

  public DicomWebSettings withMaxUploadBytes(long bytes) {
    return new DicomWebSettings(bytes, corsAllowedOrigins, thumbnailCacheBytes, spoolDirectory, maxQueryResults);
  }

  public DicomWebSettings withCorsAllowedOrigins(List<String> origins) {
    return new DicomWebSettings(maxUploadBytes, origins, thumbnailCacheBytes, spoolDirectory, maxQueryResults);
  }

  public DicomWebSettings withSpoolDirectory(Path dir) {
    return new DicomWebSettings(maxUploadBytes, corsAllowedOrigins, thumbnailCacheBytes, dir, maxQueryResults);
  }

  public DicomWebSettings withMaxQueryResults(int max) {
    return new DicomWebSettings(maxUploadBytes, corsAllowedOrigins, thumbnailCacheBytes, spoolDirectory, max);
  }
}
