package org.linnea.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.linnea.archive.Archive;
import org.linnea.dicom.Tag;
import org.linnea.dicom.io.DicomDirWriter;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.index.InstanceLocation;
import org.linnea.index.Level;
import org.linnea.index.Matching;
import org.linnea.index.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/studies/{StudyInstanceUID}/download.zip}: a study as a zip file laid out as DICOM
 * media (PS3.10 8): {@code DICOMDIR} at the top and the objects, as stored, under {@code
 * DICOM/SE0001/IM000001}… (file IDs of at most 8 upper-case characters per component).
 *
 * <p>Streamed: each object goes from the store through the deflater to the socket, and only the
 * headers (read through the retrieve service, pixel data left unread) are kept for the DICOMDIR,
 * which closes the zip. Objects leave through {@link org.linnea.archive.RetrieveService}, the one
 * way out, like every other retrieval.
 */
public final class StudyDownload extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(StudyDownload.class);
  private static final String PREFIX = "/api/studies/";
  private static final String SUFFIX = "/download.zip";
  private static final ReadOptions HEADER = ReadOptions.DEFAULT.withStopBefore(Tag.PixelData);

  private final Archive archive;

  public StudyDownload(Archive archive) {
    this.archive = archive;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) return false;
    // The caller's organisation, as the security layer set it: another organisation's study is 404.
    Exchange x = new Exchange(request, response, callback, "", archive.query().organisation());
    try {
      if (!x.method().equals("GET") && !x.method().equals("HEAD")) throw new WebException(405, "use GET");
      String study = DicomWeb.uid(path.substring(PREFIX.length(), path.length() - SUFFIX.length()), "study");
      List<InstanceLocation> locs = archive.retrieve().locate(
          Query.of(Level.STUDY, x.organisation).match(Tag.StudyInstanceUID, new Matching.Single(study)));
      if (locs.isEmpty()) throw WebException.notFound("no study " + study);
      send(x, study, locs);
    } catch (WebException e) {
      x.sendError(e.status(), e.getMessage());
    } catch (EofException e) {
      LOG.debug("download of {} cut: client went away", path);
      callback.failed(e);
    } catch (Exception e) {
      LOG.warn("event=download_failed path={}", path, e);
      if (response.isCommitted()) callback.failed(e);
      else x.sendError(500, "internal error: " + e.getMessage());
    }
    return true;
  }

  private void send(Exchange x, String study, List<InstanceLocation> locs) throws IOException {
    // Series folders numbered in the order the index gives them, instances within each.
    Map<String, Integer> seriesNumbers = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<DicomDirWriter.Entry> entries = new ArrayList<>(locs.size());
    x.response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"study-" + study + ".zip\"");
    x.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    long bytes = 0;
    try (OutputStream body = x.open(200, "application/zip"); ZipOutputStream zip = new ZipOutputStream(body)) {
      zip.setLevel(Deflater.BEST_SPEED);
      for (InstanceLocation l : locs) {
        int se = seriesNumbers.computeIfAbsent(l.seriesUid(), k -> seriesNumbers.size() + 1);
        int im = counts.merge(l.seriesUid(), 1, Integer::sum);
        List<String> fileId = List.of("DICOM", String.format(Locale.ROOT, "SE%04d", se), String.format(Locale.ROOT, "IM%06d", im));
        DicomFile header;
        try (InputStream in = archive.retrieve().openObject(l)) {
          header = DicomReader.open(in).readFile(HEADER);
        }
        entries.add(new DicomDirWriter.Entry(fileId, l.transferSyntax(), header.dataset()));
        zip.putNextEntry(new ZipEntry(String.join("/", fileId)));
        try (InputStream in = archive.retrieve().openObject(l)) {
          bytes += in.transferTo(zip);
        }
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("DICOMDIR"));
      DicomDirWriter.write(zip, "LINNEA", entries);
      zip.closeEntry();
    }
    LOG.info("event=study_downloaded study={} instances={} bytes={}", study, locs.size(), bytes);
    x.callback.succeeded();
  }
}
