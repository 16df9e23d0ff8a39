package org.linnea.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.linnea.archive.Archive;
import org.linnea.archive.IngestException;
import org.linnea.archive.IngestResult;
import org.linnea.archive.Source;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Sequence;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomParseException;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.json.DicomJsonWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STOW-RS (PS3.18 10.5): storeInstances from a {@code multipart/related; type="application/dicom"}
 * body, read part by part and never whole.
 *
 * <p>Each part is written to a spool file (one at a time), parsed completely with its values left
 * on disk (so a truncated object, pixel data included, is caught before anything is stored), and
 * then handed to the archive's {@link org.linnea.archive.IngestService} like any other door's
 * instances. A part that fails is listed in the Failed SOP Sequence with its Failure Reason
 * (PS3.4 status codes: 0xC000 cannot understand, 0xA900 wrong study or missing UIDs, 0x0111
 * duplicate refused, 0xA700 out of resources) and a Warning header saying why; the other parts are
 * stored. Status: 200 all stored, 202 some stored, 409 none stored (PS3.18 10.5.3). Whole-request
 * errors: 415 for anything but multipart/related of application/dicom, 400 for a body that is not
 * multipart at all, 413 past the upload limit (parts complete before the limit stay stored).
 */
final class Stow {
  private static final Logger LOG = LoggerFactory.getLogger(Stow.class);
  private static final ReadOptions CHECK = ReadOptions.DEFAULT.withBulkDataThreshold(0);
  private static final int MAX_WARNINGS = 20;

  private final Archive archive;
  private final DicomWebSettings settings;

  Stow(Archive archive, DicomWebSettings settings) {
    this.archive = archive;
    this.settings = settings;
    removeLeftovers(settings.spoolDirectory());
  }

  /** Spool files a crash left behind (a part is spooled, checked and ingested, then deleted). */
  private static void removeLeftovers(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) return;
    try (var files = Files.newDirectoryStream(dir, "stow-*.part")) {
      for (Path f : files) Files.deleteIfExists(f);
    } catch (IOException e) {
      LOG.warn("cannot clear STOW-RS spool files in {}: {}", dir, e.getMessage());
    }
  }

  /** The body went past the configured limit. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  void storeInstances(Exchange x, String study) throws IOException {
    String ct = x.header(HttpHeader.CONTENT_TYPE);
    if (ct == null) throw new WebException(415, "STOW-RS needs Content-Type: multipart/related; type=\"application/dicom\"; boundary=…");
    MediaType m;
    try {
      m = MediaType.parse(ct);
    } catch (WebException e) {
      throw new WebException(415, e.getMessage());
    }
    if (!m.essence().equals("multipart/related")) {
      throw new WebException(415, "STOW-RS takes multipart/related; type=\"application/dicom\", not " + m.essence());
    }
    String type = m.param("type").orElse("application/dicom");
    if (!type.equalsIgnoreCase("application/dicom")) {
      throw new WebException(415, "only parts of type application/dicom are stored (metadata and bulk data uploads, " + type + ", are not supported)");
    }
    String boundary = m.param("boundary").orElseThrow(() -> WebException.badRequest("multipart Content-Type without a boundary"));
    List<MediaType> accept = x.accept();
    if (!accept.isEmpty() && accept.stream().noneMatch(a -> a.quality() > 0 && (a.matches("application/dicom+json") || a.matches("application/json")))) {
      throw WebException.notAcceptable("the STOW-RS response is application/dicom+json");
    }
    long length = x.request.getLength();
    long max = settings.maxUploadBytes();
    if (length > max) throw new WebException(413, "the upload has " + length + " bytes; this server takes at most " + max + " (web.maxUploadBytes)");

    Dataset response = new Dataset();
    Sequence referenced = null;
    Sequence failed = null;
    Set<String> studies = new LinkedHashSet<>();
    // For the audit trail (org.linnea.web.auth.HttpSecurity): which studies this request stored into.
    x.request.setAttribute(org.linnea.web.auth.HttpSecurity.STORED_STUDIES, studies);
    List<String> warnings = new ArrayList<>();
    int ok = 0;
    int bad = 0;
    String origin = Request.getRemoteAddr(x.request);
    MultipartReader reader = new MultipartReader(new Limited(x.body(), max), boundary);
    Path dir = settings.spoolDirectory() != null ? settings.spoolDirectory() : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(dir);
    int partNumber = 0;
    while (true) {
      MultipartReader.Part part;
      try {
        part = reader.nextPart();
      } catch (MultipartReader.MalformedMultipartException e) {
        if (ok + bad == 0) throw WebException.badRequest("malformed multipart body: " + e.getMessage());
        warnings.add("part " + (partNumber + 1) + ": " + e.getMessage());
        failed = fail(response, failed, null, null, 0xC000);
        bad++;
        break;
      } catch (TooLargeException e) {
        throw new WebException(413, e.getMessage() + (ok > 0 ? "; the " + ok + " instance(s) before the limit were stored" : ""));
      }
      if (part == null) break;
      partNumber++;
      Path spool = Files.createTempFile(dir, "stow-", ".part");
      try {
        Outcome o = storePart(part, spool, study, origin, x.organisation);
        if (o.result != null) {
          ok++;
          studies.add(o.result.studyUid());
          if (referenced == null) referenced = response.newSequence(Tag.ReferencedSOPSequence);
          Dataset item = referenced.addItem();
          item.setString(Tag.ReferencedSOPClassUID, VR.UI, o.result.sopClassUid());
          item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, o.result.sopInstanceUid());
          item.setString(Tag.RetrieveURL, VR.UR, x.base + "/studies/" + o.result.studyUid() + "/series/" + o.seriesUid + "/instances/" + o.result.sopInstanceUid());
        } else {
          bad++;
          failed = fail(response, failed, o.cuid, o.iuid, o.reason);
          warnings.add("part " + partNumber + (o.iuid != null ? " (" + o.iuid + ")" : "") + ": " + o.message);
        }
      } catch (MultipartReader.MalformedMultipartException e) {
        bad++;
        failed = fail(response, failed, null, null, 0xC000);
        warnings.add("part " + partNumber + ": " + e.getMessage());
        if (ok == 0 && bad == 1) throw WebException.badRequest("malformed multipart body: " + e.getMessage());
        break;
      } catch (TooLargeException e) {
        throw new WebException(413, e.getMessage() + (ok > 0 ? "; the " + ok + " instance(s) before the limit were stored" : ""));
      } finally {
        Files.deleteIfExists(spool);
      }
    }
    if (ok + bad == 0) throw WebException.badRequest("the multipart body has no parts");
    if (studies.size() == 1) response.setString(Tag.RetrieveURL, VR.UR, x.base + "/studies/" + studies.iterator().next());
    int status = bad == 0 ? 200 : ok > 0 ? 202 : 409;
    for (int i = 0; i < Math.min(warnings.size(), MAX_WARNINGS); i++) {
      x.response.getHeaders().add(HttpHeader.WARNING, "299 linnea " + Exchange.quote(warnings.get(i).replace('"', '\'')));
    }
    try (OutputStream out = x.open(status, "application/dicom+json")) {
      new DicomJsonWriter().write(out, response, false);
    }
    x.callback.succeeded();
  }

  private static Sequence fail(Dataset response, Sequence failed, String cuid, String iuid, int reason) {
    Sequence s = failed != null ? failed : response.newSequence(Tag.FailedSOPSequence);
    Dataset item = s.addItem();
    if (cuid != null) item.setString(Tag.ReferencedSOPClassUID, VR.UI, cuid);
    if (iuid != null) item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, iuid);
    item.setInt(Tag.FailureReason, VR.US, reason);
    return s;
  }

  private record Outcome(IngestResult result, String seriesUid, String cuid, String iuid, int reason, String message) {
    static Outcome failed(String cuid, String iuid, int reason, String message) {
      return new Outcome(null, null, cuid, iuid, reason, message);
    }
  }

  private Outcome storePart(MultipartReader.Part part, Path spool, String study, String origin, long organisation) throws IOException {
    String pct = part.contentType();
    MediaType pm;
    try {
      pm = MediaType.parse(pct);
    } catch (WebException e) {
      pm = null;
    }
    if (pm == null || !pm.essence().equals("application/dicom")) {
      part.body().transferTo(OutputStream.nullOutputStream());
      return Outcome.failed(null, null, 0xC000, "part of type " + pct + ", not application/dicom");
    }
    try (OutputStream out = Files.newOutputStream(spool)) {
      part.body().transferTo(out);
    }
    DicomFile f;
    try {
      f = DicomReader.readFile(spool, CHECK);
    } catch (DicomParseException e) {
      return Outcome.failed(null, null, 0xC000, "not a complete DICOM file: " + e.getMessage());
    }
    String cuid = f.sopClassUID().orElse(null);
    String iuid = f.sopInstanceUID().orElse(null);
    String partStudy = f.dataset().getString(Tag.StudyInstanceUID).orElse(null);
    if (study != null && !study.equals(partStudy)) {
      return Outcome.failed(cuid, iuid, 0xA900, "belongs to study " + partStudy + ", not " + study + " named in the URL");
    }
    if (f.fileMeta().isEmpty()) {
      return Outcome.failed(cuid, iuid, 0xC000, "no file meta information: a STOW-RS part must be a DICOM Part 10 file");
    }
    try (InputStream in = Files.newInputStream(spool)) {
      IngestResult r = archive.ingest().ingestFile(in, new Source("STOW", origin), organisation);
      return new Outcome(r, f.dataset().getString(Tag.SeriesInstanceUID).orElse(""), cuid, iuid, 0, null);
    } catch (IngestException e) {
      LOG.debug("STOW part {} refused: {}", iuid, e.getMessage());
      int reason = switch (e.reason()) {
        case DUPLICATE -> 0x0111;
        case INVALID -> 0xA900;
        case CANNOT_UNDERSTAND -> 0xC000;
        case OUT_OF_RESOURCES -> 0xA700;
      };
      return Outcome.failed(cuid, iuid, reason, e.getMessage());
    }
  }

  /** Counts what is read and fails past the limit. */
  private static final class Limited extends FilterInputStream {
    private final long max;
    private long count;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) check(1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) check(n);
      return n;
    }

    private void check(int n) throws TooLargeException {
      count += n;
      if (count > max) throw new TooLargeException("the upload is larger than this server takes, " + max + " bytes (web.maxUploadBytes)");
    }
  }
}
