package org.linnea.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.linnea.archive.Archive;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.data.Sequence;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.dicom.json.BulkDataUris;
import org.linnea.dicom.json.DicomJsonWriter;
import org.linnea.imaging.Decompressor;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.pixel.PixelData;
import org.linnea.index.InstanceLocation;
import org.linnea.index.Level;
import org.linnea.index.Matching;
import org.linnea.index.Query;

/**
 * WADO-RS (PS3.18 10.4) and WADO-URI (PS3.18 9): instances as {@code multipart/related;
 * type="application/dicom"} streamed from the store one after the other (a study is never
 * assembled in memory), metadata as DICOM JSON with BulkDataURIs into this service, frames, bulk
 * data, and through {@link Rendering} the rendered and thumbnail resources.
 *
 * <p>Transfer syntax ({@code transfer-syntax} parameter of the accepted type, PS3.18 8.7.3.5):
 * {@code *} or the stored syntax sends every object byte for byte as stored; Explicit VR Little
 * Endian (also the default when none is asked) is sent as stored for objects stored so,
 * transcoded from the other native syntaxes (Implicit VR, big endian, deflated) and decompressed
 * from compressed ones by linnea-imaging's {@link Decompressor}, frame by frame; a compressed
 * object without a decoder is sent as stored when no syntax is asked. Any other request is 406:
 * Linnea does not compress on retrieve.
 */
final class Wado {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Wado.class);
  static final String ELE = "1.2.840.10008.1.2.1";
  private static final ReadOptions HEADER = ReadOptions.DEFAULT.withStopBefore(Tag.PixelData);
  private static final ReadOptions BULK_ON_DISK = ReadOptions.DEFAULT.withBulkDataThreshold(1024);

  private final Archive archive;
  final Rendering rendering;

  Wado(Archive archive, DicomWebSettings settings) {
    this.archive = archive;
    this.rendering = new Rendering(this, settings);
  }

  // ---- locating ---------------------------------------------------------------------------------

  List<InstanceLocation> locate(Exchange x, String study, String series, String instance) {
    Level level = instance != null ? Level.IMAGE : series != null ? Level.SERIES : Level.STUDY;
    Query q = Query.of(level, x.organisation).match(Tag.StudyInstanceUID, new Matching.Single(study));
    if (series != null) q = q.match(Tag.SeriesInstanceUID, new Matching.Single(series));
    if (instance != null) q = q.match(Tag.SOPInstanceUID, new Matching.Single(instance));
    List<InstanceLocation> found = archive.retrieve().locate(q);
    if (found.isEmpty()) {
      throw WebException.notFound(instance != null ? "no instance " + instance + " in series " + series + " of study " + study
          : series != null ? "no series " + series + " in study " + study : "no study " + study);
    }
    return found;
  }

  InstanceLocation locateOne(Exchange x, String study, String series, String instance) {
    return locate(x, study, series, instance).get(0);
  }

  /** The whole object, pixel data left in the store's file where the store has files. */
  DicomFile read(InstanceLocation loc) throws IOException {
    if (archive.store() instanceof org.linnea.store.FileSystemStore fs) {
      return DicomReader.readFile(fs.pathOf(loc.storeKey()), BULK_ON_DISK);
    }
    try (InputStream in = archive.retrieve().openObject(loc)) {
      return DicomReader.open(in).readFile(ReadOptions.DEFAULT);
    }
  }

  static String instanceUrl(String base, InstanceLocation l) {
    return base + "/studies/" + l.studyUid() + "/series/" + l.seriesUid() + "/instances/" + l.sopInstanceUid();
  }

  // ---- retrieve (application/dicom) -----------------------------------------------------------

  /** retrieveStudy, retrieveSeries, retrieveInstance. */
  void retrieve(Exchange x, String study, String series, String instance) throws IOException {
    List<MediaType> accept = x.accept();
    boolean singlePart = false;
    String requested = null;
    boolean ok = accept.isEmpty();
    for (MediaType m : accept) {
      if (m.quality() <= 0) continue;
      if (m.essence().equals("multipart/related")) {
        String type = m.param("type").orElse("application/dicom");
        if (!type.equalsIgnoreCase("application/dicom")) continue;
        requested = m.param("transfer-syntax").orElse(null);
        ok = true;
        break;
      }
      if (m.essence().equals("application/dicom") && instance != null) {
        requested = m.param("transfer-syntax").orElse(null);
        singlePart = true;
        ok = true;
        break;
      }
      if (m.matches("multipart/related") || m.essence().equals("*/*")) {
        ok = true;
        break;
      }
    }
    if (!ok) throw WebException.notAcceptable("this resource is sent as multipart/related; type=\"application/dicom\"");
    if (requested != null && !requested.equals("*")) DicomWeb.uid(requested, "transfer syntax");
    List<InstanceLocation> locs = locate(x, study, series, instance);
    List<String> sent = new ArrayList<>(locs.size());
    for (InstanceLocation l : locs) {
      String ts = deliveredSyntax(l.transferSyntax(), requested);
      if (ts == null) {
        String name = TransferSyntax.isKnown(l.transferSyntax()) ? TransferSyntax.of(l.transferSyntax()).name() : l.transferSyntax();
        boolean decodable = deliveredSyntax(l.transferSyntax(), ELE) != null;
        throw WebException.notAcceptable("instance " + l.sopInstanceUid() + " is stored in " + name + (decodable
            ? " and is sent as stored or as Explicit VR Little Endian (" + ELE + "), not as " + requested
            : ", which Linnea cannot decompress, so it is sent only as stored") + "; ask for transfer-syntax=* or " + l.transferSyntax());
      }
      sent.add(ts);
    }
    // The first object is prepared (its first frame decompressed) before anything is sent, so
    // that a failure there is still an error status.
    Prepared next;
    try {
      next = prepareOrAsStored(locs.get(0), sent.get(0), requested == null, x);
    } catch (ImagingException e) {
      throw imagingError(e);
    }
    if (singlePart) {
      try (OutputStream out = x.open(200, "application/dicom; transfer-syntax=" + next.ts())) {
        next.writer().writeTo(out);
      }
      x.callback.succeeded();
      return;
    }
    String boundary = boundary();
    try (OutputStream out = x.open(200, "multipart/related; type=\"application/dicom\"; boundary=" + boundary)) {
      for (int i = 0; i < locs.size(); i++) {
        InstanceLocation l = locs.get(i);
        if (i > 0) next = prepareOrAsStored(l, sent.get(i), requested == null, x);
        partHeader(out, boundary, "application/dicom; transfer-syntax=" + next.ts(), instanceUrl(x.base, l));
        next.writer().writeTo(out);
      }
      closeMultipart(out, boundary);
    }
    x.callback.succeeded();
  }

  /** Writes one object to a response body. */
  interface ObjectWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** An object ready to be sent in transfer syntax {@code ts}. */
  record Prepared(String ts, ObjectWriter writer) {}

  /**
   * {@link #prepare}; when no syntax was asked ({@code byDefault}) and the object cannot be
   * decompressed after all (a variant the decoders refuse, damaged data), it is sent as stored,
   * which a client that asked for nothing in particular can take.
   */
  private Prepared prepareOrAsStored(InstanceLocation l, String ts, boolean byDefault, Exchange x) throws IOException {
    try {
      return new Prepared(ts, prepare(l, ts, x));
    } catch (ImagingException e) {
      if (!byDefault || ts.equals(l.transferSyntax())) throw e;
      LOG.warn("instance={} ts={} not decompressed, sent as stored: {}", l.sopInstanceUid(), l.transferSyntax(), e.getMessage());
      return new Prepared(l.transferSyntax(), prepare(l, l.transferSyntax(), x));
    }
  }

  /**
   * The syntax an object stored in {@code stored} is sent in, or null when Linnea cannot: {@code
   * *} and the stored syntax keep it; Explicit VR Little Endian (also the default, PS3.18
   * 8.7.3.5.2) is made from the other native syntaxes by re-encoding and from compressed ones by
   * decompression where linnea-imaging has a decoder; a compressed object without one is sent as
   * stored when nothing was asked.
   */
  static String deliveredSyntax(String stored, String requested) {
    if (requested != null && (requested.equals("*") || requested.equals(stored))) return stored;
    TransferSyntax ts = TransferSyntax.isKnown(stored) ? TransferSyntax.of(stored) : null;
    boolean toEle = ts != null && (!ts.encapsulated() || Decompressor.canDecompress(stored));
    if (requested == null) return toEle ? ELE : stored;
    if (requested.equals(ELE) && toEle) return ELE;
    return null;
  }

  /**
   * How object {@code l} is sent in {@code ts}: as stored (from a mapping of the store's file when
   * {@code x} is given), decompressed frame by frame with pixel data read from the store's file in
   * place (frame 0 decoded now), or another native syntax re-encoded in memory.
   */
  ObjectWriter prepare(InstanceLocation l, String ts, Exchange x) throws IOException {
    if (ts.equals(l.transferSyntax())) {
      return out -> {
        if (x != null) {
          sendAsStored(x, l, out);
        } else {
          try (InputStream in = archive.retrieve().openObject(l)) {
            copy(in, out);
          }
        }
      };
    }
    if (TransferSyntax.of(l.transferSyntax()).encapsulated()) {
      DicomFile f = read(l);
      if (f.dataset().contains(Tag.PixelData)) {
        Decompressor d = Decompressor.of(f);
        byte[] frame0 = d.frame(0);
        return out -> d.writeFile(out, frame0);
      }
    }
    DicomFile f;
    try (InputStream in = archive.retrieve().openObject(l)) {
      f = DicomReader.open(in).readFile(ReadOptions.DEFAULT);
    }
    return out -> {
      Dataset meta = f.fileMeta();
      meta.setString(Tag.TransferSyntaxUID, VR.UI, ELE);
      meta.remove(Tag.FileMetaInformationGroupLength);
      DicomWriter w = new DicomWriter(out);
      w.writeFile(f.preamble() != null ? f.preamble() : new byte[128], meta, f.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
      w.flush();
    };
  }

  /**
   * An object as stored. The object is opened through the retrieve service (the one way out);
   * when the store keeps files, the bytes then go from a memory mapping of the file straight to
   * the socket, with no copy through the Java heap.
   */
  private void sendAsStored(Exchange x, InstanceLocation l, OutputStream out) throws IOException {
    try (InputStream in = archive.retrieve().openObject(l)) {
      if (!(archive.store() instanceof org.linnea.store.FileSystemStore fs)) {
        copy(in, out);
        return;
      }
      out.flush();
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(fs.pathOf(l.storeKey()), java.nio.file.StandardOpenOption.READ)) {
        long size = ch.size();
        for (long pos = 0; pos < size; ) {
          long n = Math.min(16L << 20, size - pos);
          org.eclipse.jetty.io.Content.Sink.write(x.response, false, ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, pos, n));
          pos += n;
        }
      }
    }
  }

  static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[256 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
  }

  static String boundary() {
    return "linnea-" + UUID.randomUUID();
  }

  static void partHeader(OutputStream out, String boundary, String contentType, String location) throws IOException {
    StringBuilder h = new StringBuilder("\r\n--").append(boundary).append("\r\nContent-Type: ").append(contentType).append("\r\n");
    if (location != null) h.append("Content-Location: ").append(location).append("\r\n");
    h.append("\r\n");
    out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
  }

  static void closeMultipart(OutputStream out, String boundary) throws IOException {
    out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  // ---- metadata ---------------------------------------------------------------------------------

  /** retrieveStudyMetadata, retrieveSeriesMetadata, retrieveInstanceMetadata. */
  void retrieveMetadata(Exchange x, String study, String series, String instance) throws IOException {
    List<MediaType> accept = x.accept();
    if (!accept.isEmpty() && accept.stream().noneMatch(m -> m.quality() > 0 && (m.matches("application/dicom+json") || m.matches("application/json")))) {
      throw WebException.notAcceptable("metadata is sent as application/dicom+json");
    }
    List<InstanceLocation> locs = locate(x, study, series, instance);
    try (OutputStream out = x.open(200, "application/dicom+json")) {
      JsonGenerator g = DicomJsonWriter.createGenerator(out, false);
      g.writeStartArray();
      for (InstanceLocation l : locs) {
        Dataset ds = header(l);
        String url = instanceUrl(x.base, l) + "/bulkdata/";
        new DicomJsonWriter().inlineBinaryMaxLength(1024)
            .bulkDataUris((d, path, value) -> url + BulkDataUris.pathString(path))
            .write(g, ds);
      }
      g.writeEndArray();
      g.close();
    }
    x.callback.succeeded();
  }

  /**
   * The data set without reading pixel data: parsing stops at Pixel Data, which is added back as
   * a placeholder that the JSON writer turns into a BulkDataURI.
   */
  Dataset header(InstanceLocation l) throws IOException {
    DicomFile f;
    try (InputStream in = archive.retrieve().openObject(l)) {
      f = DicomReader.open(in).readFile(HEADER);
    }
    Dataset ds = f.dataset();
    if (f.stoppedAt() >= 0) {
      boolean ob = f.transferSyntax().encapsulated() || ds.getInt(Tag.BitsAllocated).orElse(16) <= 8;
      ds.put(Tag.PixelData, ob ? VR.OB : VR.OW, new BulkData("linnea:pixeldata", 0, 0, false));
    }
    return ds;
  }

  // ---- frames -----------------------------------------------------------------------------------

  /**
   * retrieveFrames: {@code multipart/related} of the frames asked for (numbered from 1), or a
   * single part ({@code application/octet-stream}, {@code image/jpeg}, …) when one frame is asked
   * for and only a single-part type is accepted. Compressed frames are sent as stored (for {@code
   * transfer-syntax=*}, the stored UID, or the stored syntax's media type) or decompressed to
   * native little endian, as {@link Decompressor} makes them.
   */
  void retrieveFrames(Exchange x, String study, String series, String instance, String list) throws IOException {
    InstanceLocation l = locateOne(x, study, series, instance);
    int[] frames = frameList(list);
    String requestedTs = null;
    String requestedType = "application/octet-stream";
    boolean single = false;
    boolean ok = x.accept().isEmpty();
    for (MediaType m : x.accept()) {
      if (m.quality() <= 0) continue;
      if (m.essence().equals("multipart/related")) {
        requestedType = m.param("type").orElse("application/octet-stream").toLowerCase(java.util.Locale.ROOT);
        requestedTs = m.param("transfer-syntax").orElse(null);
        ok = true;
        break;
      }
      if (m.matches("multipart/related") || m.essence().equals("*/*")) {
        ok = true;
        break;
      }
      if (frames.length == 1 && !m.subtype().equals("*") && (m.essence().equals("application/octet-stream") || m.type().equals("image"))) {
        requestedType = m.essence();
        requestedTs = m.param("transfer-syntax").orElse(null);
        single = true;
        ok = true;
        break;
      }
    }
    if (!ok) throw WebException.notAcceptable("frames are sent as multipart/related (or, one frame, as application/octet-stream or its image type)");
    DicomFile f = read(l);
    PixelData px = pixelData(f);
    for (int fr : frames) {
      if (fr > px.frameCount()) throw WebException.notFound("no frame " + fr + ": the instance has " + px.frameCount());
    }
    String stored = f.transferSyntax().uid();
    String storedType = frameMediaType(stored);
    boolean raw = !px.isEncapsulated() || "*".equals(requestedTs) || stored.equals(requestedTs)
        || (requestedType.equals(storedType) && requestedTs == null);
    if (!raw && requestedTs != null && !requestedTs.equals(ELE)) {
      throw WebException.notAcceptable("frames of " + instance + " are available as stored (" + stored + ") or as native Explicit VR Little Endian");
    }
    String type = raw && px.isEncapsulated() ? storedType : "application/octet-stream";
    if (!requestedType.equals(type) && !requestedType.equals("application/octet-stream") && !requestedType.equals("*/*")) {
      throw WebException.notAcceptable("frames of " + instance + " are " + (px.isEncapsulated() ? storedType + " as stored, or application/octet-stream decompressed"
          : "native, sent as application/octet-stream"));
    }
    String partType = type + "; transfer-syntax=" + (raw && px.isEncapsulated() ? stored : ELE);
    try {
      Decompressor decompressor = raw ? null : Decompressor.of(f);
      // The first frame is made before anything is sent, so that a failure is still an error status.
      byte[] first = frameBytes(px, decompressor, frames[0] - 1);
      if (single) {
        x.send(200, partType, first);
        return;
      }
      String boundary = boundary();
      try (OutputStream out = x.open(200, "multipart/related; type=\"" + type + "\"; boundary=" + boundary)) {
        String url = instanceUrl(x.base, l) + "/frames/";
        for (int i = 0; i < frames.length; i++) {
          partHeader(out, boundary, partType, url + frames[i]);
          out.write(i == 0 ? first : frameBytes(px, decompressor, frames[i] - 1));
        }
        closeMultipart(out, boundary);
      }
    } catch (ImagingException e) {
      throw imagingError(e);
    }
    x.callback.succeeded();
  }

  static PixelData pixelData(DicomFile f) {
    try {
      return PixelData.of(f.dataset(), f.transferSyntax());
    } catch (ImagingException e) {
      throw new WebException(422, "the instance has no usable pixel data: " + e.getMessage());
    }
  }

  static WebException imagingError(ImagingException e) {
    if (e instanceof org.linnea.imaging.UnsupportedTransferSyntaxException) return new WebException(501, e.getMessage());
    return new WebException(422, "cannot decode the pixel data: " + e.getMessage());
  }

  /** A frame's bytes: decompressed when a decompressor is given, else as stored (native data in little endian). */
  static byte[] frameBytes(PixelData px, Decompressor decompressor, int frame) throws ImagingException {
    if (decompressor != null) return decompressor.frame(frame);
    if (px.isEncapsulated()) return px.readEncapsulatedFrame(frame);
    PixelData.NativeFrame nf = px.readNativeFrame(frame);
    byte[] b = nf.bytes();
    if (nf.bigEndian() && px.description().bitsAllocated() > 8) {
      int unit = px.description().bitsAllocated() / 8;
      b = b.clone();
      for (int i = 0; i + unit <= b.length; i += unit) {
        for (int a = i, z = i + unit - 1; a < z; a++, z--) {
          byte t = b[a];
          b[a] = b[z];
          b[z] = t;
        }
      }
    }
    return b;
  }

  /** The media type of frames compressed in a transfer syntax (PS3.18 Table 8.7.3-4). */
  static String frameMediaType(String ts) {
    return switch (ts) {
      case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70" -> "image/jpeg";
      case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> "image/jls";
      case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> "image/jp2";
      case "1.2.840.10008.1.2.5" -> "image/dicom-rle";
      default -> "application/octet-stream";
    };
  }

  /** "1,3,5" → {1, 3, 5}; 400 for anything but positive frame numbers, at most 10000 of them. */
  static int[] frameList(String list) {
    String[] parts = list.split(",", -1);
    if (parts.length > 10000) throw WebException.badRequest("too many frames in one request");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw WebException.badRequest("frame numbers are positive whole numbers separated by commas, not '" + (list.length() > 40 ? list.substring(0, 40) + "…" : list) + "'");
      }
      if (out[i] < 1) throw WebException.badRequest("frames are numbered from 1, not " + out[i]);
    }
    return out;
  }

  // ---- bulk data --------------------------------------------------------------------------------

  /** retrieveBulkData: the value at a BulkDataURI this service made ({@code bulkdata/00081140/0/7FE00010}). */
  void retrieveBulkData(Exchange x, String study, String series, String instance, List<String> path) throws IOException {
    if (path.isEmpty() || path.size() % 2 == 0) throw WebException.badRequest("a bulk data path is tag[/item/tag]…");
    InstanceLocation l = locateOne(x, study, series, instance);
    DicomFile f = read(l);
    Dataset ds = f.dataset();
    Object value = null;
    for (int i = 0; i < path.size(); i += 2) {
      int tag;
      try {
        tag = (int) Long.parseLong(path.get(i), 16);
        if (path.get(i).length() != 8) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        throw WebException.badRequest("not a tag in the bulk data path: '" + path.get(i) + "'");
      }
      value = ds.value(tag).orElseThrow(() -> WebException.notFound("no attribute " + Tags.toString(tag) + " in the instance"));
      if (i + 1 < path.size()) {
        if (!(value instanceof Sequence seq)) throw WebException.notFound(Tags.toString(tag) + " is not a sequence");
        int item;
        try {
          item = Integer.parseInt(path.get(i + 1));
        } catch (NumberFormatException e) {
          throw WebException.badRequest("not an item number: '" + path.get(i + 1) + "'");
        }
        if (item < 0 || item >= seq.size()) throw WebException.notFound("no item " + item + " in " + Tags.toString(tag));
        ds = seq.get(item);
      }
    }
    boolean single = x.accept().stream().anyMatch(m -> m.essence().equals("application/octet-stream"))
        && x.accept().stream().noneMatch(m -> m.essence().equals("multipart/related"));
    String requestedTs = x.accept().stream().filter(m -> m.quality() > 0 && (m.essence().equals("application/octet-stream") || m.essence().equals("multipart/related")))
        .map(m -> m.param("transfer-syntax").orElse(null)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    String stored = f.transferSyntax().uid();
    Decompressor decompressor = null;
    byte[] first = null;
    if (value instanceof Fragments && requestedTs != null && !requestedTs.equals("*") && !requestedTs.equals(stored)) {
      if (!requestedTs.equals(ELE) || !Decompressor.canDecompress(stored)) {
        throw WebException.notAcceptable("the pixel data of " + instance + " is available as stored (" + stored + ")"
            + (Decompressor.canDecompress(stored) ? " or decompressed (" + ELE + ")" : "") + ", not " + requestedTs);
      }
      try {
        decompressor = Decompressor.of(f);
        first = decompressor.frame(0);
      } catch (ImagingException e) {
        throw imagingError(e);
      }
    }
    String boundary = boundary();
    try (OutputStream out = single ? x.open(200, "application/octet-stream" + (decompressor != null ? "; transfer-syntax=" + ELE : ""))
        : x.open(200, "multipart/related; type=\"application/octet-stream\"; boundary=" + boundary)) {
      if (decompressor != null) {
        // Native pixel data, as one value like that of a native object, decoded frame by frame.
        if (!single) partHeader(out, boundary, "application/octet-stream; transfer-syntax=" + ELE, null);
        out.write(first);
        for (int fr = 1; fr < decompressor.frameCount(); fr++) out.write(decompressor.frame(fr));
      } else if (value instanceof Fragments) {
        PixelData px = pixelData(f);
        for (int fr = 0; fr < px.frameCount(); fr++) {
          if (!single) partHeader(out, boundary, "application/octet-stream; transfer-syntax=" + stored, null);
          out.write(px.readEncapsulatedFrame(fr));
        }
      } else {
        if (!single) partHeader(out, boundary, "application/octet-stream", null);
        if (value instanceof byte[] b) {
          out.write(b);
        } else if (value instanceof BulkData b) {
          try (InputStream in = b.openStream()) {
            copy(in, out);
          }
        } else {
          throw WebException.badRequest("the attribute is not bulk data");
        }
      }
      if (!single) closeMultipart(out, boundary);
    } catch (ImagingException e) {
      throw imagingError(e);
    }
    x.callback.succeeded();
  }

  // ---- rendered and thumbnails ----------------------------------------------------------------

  void retrieveRendered(Exchange x, String study, String series, String instance, String frames) throws IOException {
    if (instance == null) {
      rendering.renderedMany(x, locate(x, study, series, null));
      return;
    }
    rendering.rendered(x, locateOne(x, study, series, instance), frames);
  }

  void retrieveThumbnail(Exchange x, String study, String series, String instance) throws IOException {
    List<InstanceLocation> locs = locate(x, study, series, instance);
    rendering.thumbnail(x, locs.get(locs.size() / 2), null);
  }

  void retrieveFrameThumbnail(Exchange x, String study, String series, String instance, String frames) throws IOException {
    rendering.thumbnail(x, locateOne(x, study, series, instance), frames);
  }

  // ---- WADO-URI -------------------------------------------------------------------------------

  /** WADO-URI (PS3.18 9): {@code ?requestType=WADO&studyUID=…&seriesUID=…&objectUID=…}. */
  void wadoUri(Exchange x) throws IOException {
    if (!"WADO".equals(x.param("requestType"))) throw WebException.badRequest("requestType=WADO is required");
    String st = required(x, "studyUID");
    String se = required(x, "seriesUID");
    String obj = required(x, "objectUID");
    String ct = x.param("contentType");
    String type = "image/jpeg";
    if (ct != null) {
      type = null;
      for (MediaType m : MediaType.parseAccept(List.of(ct))) {
        if (m.essence().equals("application/dicom") || m.essence().equals("image/jpeg") || m.essence().equals("image/png")) {
          type = m.essence();
          break;
        }
        if (m.matches("image/jpeg")) {
          type = "image/jpeg";
          break;
        }
      }
      if (type == null) throw WebException.notAcceptable("contentType must be application/dicom, image/jpeg or image/png");
    }
    InstanceLocation l = locateOne(x, st, se, obj);
    if (type.equals("application/dicom")) {
      String requested = x.param("transferSyntax");
      if (requested != null) DicomWeb.uid(requested, "transfer syntax");
      String ts = deliveredSyntax(l.transferSyntax(), requested == null ? "*" : requested);
      if (ts == null) throw WebException.notAcceptable("the object is stored in " + l.transferSyntax() + " and is not transcoded to " + requested);
      ObjectWriter w;
      try {
        w = prepare(l, ts, null);
      } catch (ImagingException e) {
        throw imagingError(e);
      }
      try (OutputStream out = x.open(200, "application/dicom")) {
        w.writeTo(out);
      }
      x.callback.succeeded();
      return;
    }
    rendering.wadoUriImage(x, l, type);
  }

  private static String required(Exchange x, String name) {
    String v = x.param(name);
    if (v == null) throw WebException.badRequest(name + " is required");
    return DicomWeb.uid(v, name);
  }

  static byte[] encode(java.awt.image.BufferedImage img, String type, float quality) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64 * 1024);
    org.linnea.imaging.ImageEncoders.write(img, type, quality, b);
    return b.toByteArray();
  }
}
