package org.linnea.web;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.RenderParams;
import org.linnea.imaging.Renderer;
import org.linnea.imaging.Thumbnails;
import org.linnea.imaging.pixel.PixelData;
import org.linnea.index.InstanceLocation;

/**
 * The rendered and thumbnail resources (PS3.18 8.3.5, 10.4.1.1.3) and WADO-URI images, through
 * linnea-imaging's {@link Renderer}.
 *
 * <ul>
 *   <li>Media types image/jpeg (the default) and image/png; others are 406.
 *   <li>{@code window=center,width[,function]}: in modality units; the function the dataset's
 *       VOI LUT Function gives is used (the third value is accepted and checked, not applied).
 *   <li>{@code viewport=vw,vh[,sx,sy,sw,sh]}: the source rectangle (blank values: from 0, to the
 *       edge; negative sw/sh flip) is cut out, then fitted inside vw × vh, aspect ratio kept.
 *   <li>{@code quality=1..100}: JPEG quality.
 *   <li>{@code annotation} and {@code iccprofile} (other than {@code no}) are not applied; the
 *       response says so in a Warning header.
 * </ul>
 *
 * Thumbnails are cached encoded, keyed by instance, frame, size and media type, in a bounded
 * least-recently-used cache.
 */
final class Rendering {
  private static final int MAX_VIEWPORT = 16384;
  private static final int MAX_REGION = 1 << 20;
  private final Wado wado;
  private final long cacheBytes;
  private long cached;
  private final LinkedHashMap<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);

  Rendering(Wado wado, DicomWebSettings settings) {
    this.wado = wado;
    this.cacheBytes = settings.thumbnailCacheBytes();
  }

  void rendered(Exchange x, InstanceLocation l, String frames) throws IOException {
    String type = imageType(x);
    RenderParams p = params(x);
    warnUnsupported(x);
    int frame = 1;
    if (frames != null) {
      int[] list = Wado.frameList(frames);
      if (list.length != 1) throw WebException.badRequest("ask for one frame per rendered request");
      frame = list[0];
    }
    byte[] body = render(l, frame, p, type);
    x.send(200, type, body);
  }

  void thumbnail(Exchange x, InstanceLocation l, String frames) throws IOException {
    String type = imageType(x);
    RenderParams p = params(x);
    int size = Math.max(p.viewportWidth(), p.viewportHeight());
    if (size == 0) size = Thumbnails.DEFAULT_SIZE;
    int frame = 0;
    if (frames != null) {
      int[] list = Wado.frameList(frames);
      if (list.length != 1) throw WebException.badRequest("ask for one frame per thumbnail");
      frame = list[0];
    }
    String key = l.sopInstanceUid() + "|" + frame + "|" + size + "|" + type;
    byte[] body;
    synchronized (cache) {
      body = cache.get(key);
    }
    if (body == null) {
      DicomFile f = wado.read(l);
      try {
        BufferedImage img;
        if (frame == 0) {
          img = Thumbnails.of(f, size);
        } else {
          checkFrame(f, frame);
          img = Renderer.render(f, frame - 1, RenderParams.DEFAULT.withViewport(size, size));
        }
        body = Wado.encode(img, type, 0.85f);
      } catch (ImagingException e) {
        throw Wado.imagingError(e);
      }
      put(key, body);
    }
    x.send(200, type, body);
  }

  void wadoUriImage(Exchange x, InstanceLocation l, String type) throws IOException {
    OptionalDouble c = number(x, "windowCenter");
    OptionalDouble w = number(x, "windowWidth");
    if (c.isPresent() != w.isPresent()) throw WebException.badRequest("give windowCenter and windowWidth together");
    int rows = dimension(x.param("rows"), "rows");
    int cols = dimension(x.param("columns"), "columns");
    OptionalDouble q = number(x, "imageQuality");
    float quality = q.isPresent() ? quality(q.getAsDouble()) : 0.9f;
    String fn = x.param("frameNumber");
    int frame = fn == null ? 1 : Wado.frameList(fn)[0];
    RenderParams p;
    try {
      p = new RenderParams(c, w, cols, rows, quality);
    } catch (IllegalArgumentException e) {
      throw WebException.badRequest(e.getMessage());
    }
    x.send(200, type, render(l, frame, p, type));
  }

  private byte[] render(InstanceLocation l, int frame, RenderParams p, String type) throws IOException {
    DicomFile f = wado.read(l);
    checkFrame(f, frame);
    return render(f.dataset(), Wado.pixelData(f), frame, p, type);
  }

  private static byte[] render(Dataset ds, PixelData px, int frame, RenderParams p, String type) throws IOException {
    if (p.region() != null) {
      try {
        Renderer.checkRegion(p.region(), px.description().columns(), px.description().rows());
      } catch (IllegalArgumentException e) {
        throw WebException.badRequest(e.getMessage());
      }
    }
    try {
      return Wado.encode(Renderer.render(ds, px, frame - 1, p), type, p.quality());
    } catch (ImagingException e) {
      throw Wado.imagingError(e);
    }
  }

  /**
   * The rendered resource of a study or series (PS3.18 10.4.1.1.3): {@code multipart/related}
   * with one rendered image per frame of each instance that has pixel data, in the order of the
   * index, each part's Content-Location the frame's (or single-frame instance's) rendered URL.
   * Instances without pixel data (reports, presentation states) are left out; parts are rendered
   * and sent one at a time, the first before the response starts so that its failure is an error
   * status.
   */
  void renderedMany(Exchange x, List<InstanceLocation> locs) throws IOException {
    String type = multipartImageType(x);
    RenderParams p = params(x);
    warnUnsupported(x);
    String boundary = Wado.boundary();
    OutputStream out = null;
    try {
      for (InstanceLocation l : locs) {
        DicomFile f = wado.read(l);
        if (!f.dataset().contains(Tag.PixelData)) continue;
        PixelData px = Wado.pixelData(f);
        String url = Wado.instanceUrl(x.base, l);
        for (int k = 1; k <= px.frameCount(); k++) {
          byte[] body = render(f.dataset(), px, k, p, type);
          if (out == null) out = x.open(200, "multipart/related; type=\"" + type + "\"; boundary=" + boundary);
          Wado.partHeader(out, boundary, type, px.frameCount() == 1 ? url + "/rendered" : url + "/frames/" + k + "/rendered");
          out.write(body);
        }
      }
      if (out == null) throw WebException.notFound("nothing to render: no instance here has pixel data");
      Wado.closeMultipart(out, boundary);
    } finally {
      if (out != null) out.close();
    }
    x.callback.succeeded();
  }

  /** The image type of a multipart rendered response: {@code type} of multipart/related, or an image range. */
  static String multipartImageType(Exchange x) {
    for (MediaType m : x.accept()) {
      if (m.quality() <= 0 || !m.essence().equals("multipart/related")) continue;
      String t = m.param("type").orElse("image/jpeg").toLowerCase(java.util.Locale.ROOT);
      if (t.equals("image/jpeg") || t.equals("image/png")) return t;
    }
    return imageType(x);
  }

  private static void checkFrame(DicomFile f, int frame) {
    PixelData px = Wado.pixelData(f);
    if (frame > px.frameCount()) throw WebException.notFound("no frame " + frame + ": the instance has " + px.frameCount());
  }

  private void put(String key, byte[] body) {
    if (body.length > cacheBytes / 4) return;
    synchronized (cache) {
      byte[] old = cache.put(key, body);
      cached += body.length - (old == null ? 0 : old.length);
      var it = cache.entrySet().iterator();
      while (cached > cacheBytes && it.hasNext()) {
        Map.Entry<String, byte[]> e = it.next();
        cached -= e.getValue().length;
        it.remove();
      }
    }
  }

  static String imageType(Exchange x) {
    List<MediaType> accept = x.accept();
    if (accept.isEmpty()) return "image/jpeg";
    for (MediaType m : accept) {
      if (m.quality() <= 0) continue;
      if (m.essence().equals("image/png")) return "image/png";
      if (m.matches("image/jpeg")) return "image/jpeg";
    }
    throw WebException.notAcceptable("rendered images are image/jpeg or image/png");
  }

  static RenderParams params(Exchange x) {
    RenderParams p = RenderParams.DEFAULT;
    String window = x.param("window");
    if (window != null) {
      String[] v = window.split(",", -1);
      if (v.length < 2 || v.length > 3) throw WebException.badRequest("window is center,width[,function]");
      if (v.length == 3 && !v[2].strip().toLowerCase(java.util.Locale.ROOT).matches("linear|linear-exact|sigmoid")) {
        throw WebException.badRequest("window function must be linear, linear-exact or sigmoid");
      }
      try {
        p = p.withWindow(parse(v[0], "window center"), parse(v[1], "window width"));
      } catch (IllegalArgumentException e) {
        throw WebException.badRequest(e.getMessage());
      }
    }
    String viewport = x.param("viewport");
    if (viewport != null) {
      String[] v = viewport.split(",", -1);
      if (v.length != 2 && v.length != 6) throw WebException.badRequest("viewport is vw,vh or vw,vh,sx,sy,sw,sh");
      p = p.withViewport(dimension(v[0], "viewport width"), dimension(v[1], "viewport height"));
      if (v.length == 6) {
        try {
          p = p.withRegion(new RenderParams.Region(offset(v[2], "sx", 0), offset(v[3], "sy", 0), offset(v[4], "sw", -MAX_REGION), offset(v[5], "sh", -MAX_REGION)));
        } catch (IllegalArgumentException e) {
          throw WebException.badRequest(e.getMessage());
        }
      }
    }
    String q = x.param("quality");
    if (q != null) p = p.withQuality(quality(parse(q, "quality")));
    return p;
  }

  /** A source region value: blank is 0 (for sw and sh: to the image's edge); from {@code min} to MAX_REGION. */
  private static int offset(String s, String what, int min) {
    if (s.isBlank()) return 0;
    try {
      int n = Integer.parseInt(s.strip());
      if (n < min || n > MAX_REGION) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw WebException.badRequest("viewport " + what + " must be a whole number from " + min + " to " + MAX_REGION + ", not '" + s + "'");
    }
  }

  /**
   * The rendering parameters Linnea does not apply, said in a Warning header (PS3.18 8.3.5.1):
   * {@code annotation} (nothing is burnt in) and {@code iccprofile} other than {@code no} (no
   * ICC profile is embedded; colours are sent as the pixel pipeline makes them).
   */
  static void warnUnsupported(Exchange x) {
    String annotation = x.param("annotation");
    String icc = x.param("iccprofile");
    if (icc != null && !icc.strip().toLowerCase(java.util.Locale.ROOT).matches("no|yes|srgb|adobergb|rommrgb")) {
      throw WebException.badRequest("iccprofile is no, yes, srgb, adobergb or rommrgb, not '" + icc + "'");
    }
    List<String> warnings = new java.util.ArrayList<>();
    if (annotation != null) warnings.add("299 linnea \"annotation is not supported: the image carries no annotations\"");
    if (icc != null && !icc.strip().equalsIgnoreCase("no")) warnings.add("299 linnea \"iccprofile is not supported: no ICC profile is embedded\"");
    for (String w : warnings) x.response.getHeaders().add(org.eclipse.jetty.http.HttpHeader.WARNING, w);
  }

  private static float quality(double q) {
    if (!(q >= 1 && q <= 100)) throw WebException.badRequest("quality is from 1 to 100, not " + q);
    return (float) (q / 100);
  }

  private static double parse(String s, String what) {
    try {
      double d = Double.parseDouble(s.strip());
      if (!Double.isFinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw WebException.badRequest(what + " is not a number: '" + s + "'");
    }
  }

  private static OptionalDouble number(Exchange x, String name) {
    String v = x.param(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(parse(v, name));
  }

  private static int dimension(String s, String what) {
    if (s == null || s.isBlank()) return 0;
    try {
      int n = Integer.parseInt(s.strip());
      if (n < 1 || n > MAX_VIEWPORT) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw WebException.badRequest(what + " must be from 1 to " + MAX_VIEWPORT + ", not '" + s + "'");
    }
  }
}
