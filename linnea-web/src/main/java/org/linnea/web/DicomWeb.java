package org.linnea.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.linnea.archive.Archive;
import org.linnea.index.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOMweb service as one Jetty handler, answering everything under its prefix
 * ({@code /dicomweb}) and declining the rest, so that it sits in a {@link Handler.Sequence} before
 * the node's other routes. Resources (PS3.18 10.4–10.6, 9):
 *
 * <pre>
 * GET  /studies                                  searchForStudies
 * POST /studies[/{study}]                        storeInstances
 * GET  /series, /studies/{study}/series          searchForSeries
 * GET  /instances, /studies/{study}/instances,
 *      /studies/{study}/series/{series}/instances searchForInstances
 * GET  /studies/{study}[/series/{series}[/instances/{instance}]]   retrieveStudy / Series / Instance
 *      … /metadata                               retrieve…Metadata
 *      … /thumbnail                              retrieve…Thumbnail
 * GET  …/instances/{instance}/rendered           retrieveRenderedInstance
 * GET  …/instances/{instance}/frames/{list}[/rendered|/thumbnail]   retrieveFrames / rendered
 * GET  …/instances/{instance}/bulkdata/{path}    retrieveBulkData
 * GET  /wado?requestType=WADO&amp;…                  WADO-URI
 * </pre>
 *
 * <p>UIDs in paths must be UIDs (digits and dots, at most 64 characters): anything else, {@code
 * ..} included, is a 400 before any lookup; an encoded slash ({@code %2F}) is refused by Jetty
 * itself as an ambiguous path. CORS: see {@link DicomWebSettings#corsAllowedOrigins()}.
 */
public final class DicomWeb extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(DicomWeb.class);
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

  private final String prefix;
  private final DicomWebSettings settings;
  private final Qido qido;
  private final Wado wado;
  private final Stow stow;
  private final long organisation;
  private final Archive archive;

  /**
   * @param prefix the path the service answers under, e.g. {@code /dicomweb} (no trailing slash)
   */
  public DicomWeb(Archive archive, String prefix, DicomWebSettings settings) {
    if (!prefix.startsWith("/") || prefix.endsWith("/")) throw new IllegalArgumentException("prefix must start and not end with '/': " + prefix);
    this.prefix = prefix;
    this.settings = settings;
    this.archive = archive;
    this.qido = new Qido(archive, settings);
    this.wado = new Wado(archive, settings);
    this.stow = new Stow(archive, settings);
    this.organisation = archive.query().organisation();
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.equals(prefix) && !path.startsWith(prefix + "/")) return false;
    Exchange x = new Exchange(request, response, callback, prefix, organisation);
    try {
      if (!cors(x)) return true;
      if (x.method().equals("OPTIONS")) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST, DELETE, OPTIONS");
        x.send(204, null, new byte[0]);
        return true;
      }
      route(x, segments(path.substring(prefix.length())));
    } catch (WebException e) {
      fail(x, e.status(), e.getMessage(), null);
    } catch (EofException e) {
      LOG.debug("{} {}: client went away", request.getMethod(), path);
      callback.failed(e);
    } catch (Exception e) {
      LOG.warn("{} {} failed", request.getMethod(), path, e);
      fail(x, 500, "internal error: " + e.getMessage(), e);
    }
    return true;
  }

  private void fail(Exchange x, int status, String message, Exception cause) {
    if (x.response.isCommitted()) {
      // Too late for a status: cut the response short so the client sees it is incomplete.
      x.callback.failed(cause != null ? cause : new IOException(message));
      return;
    }
    x.response.reset();
    if (!x.method().equals("OPTIONS")) cors(x); // a browser can read the error only with them
    x.sendError(status, message);
  }

  private static List<String> segments(String rest) {
    List<String> out = new ArrayList<>();
    for (String s : rest.split("/", -1)) {
      if (s.isEmpty()) continue;
      out.add(s);
    }
    return out;
  }

  private void route(Exchange x, List<String> p) throws Exception {
    String m = x.method();
    boolean get = m.equals("GET") || m.equals("HEAD");
    int n = p.size();
    if (n == 0) throw WebException.notFound("no resource here: try " + prefix + "/studies");
    String top = p.get(0);
    if (n == 1 && top.equals("wado")) {
      requireGet(get);
      wado.wadoUri(x);
      return;
    }
    if (n == 1 && top.equals("series")) {
      requireGet(get);
      qido.search(x, Level.SERIES, null, null);
      return;
    }
    if (n == 1 && top.equals("instances")) {
      requireGet(get);
      qido.search(x, Level.IMAGE, null, null);
      return;
    }
    if (!top.equals("studies")) throw WebException.notFound("no resource " + prefix + "/" + String.join("/", p));
    if (n == 1) {
      if (m.equals("POST")) {
        stow.storeInstances(x, null);
      } else {
        requireGet(get);
        qido.search(x, Level.STUDY, null, null);
      }
      return;
    }
    String study = uid(p.get(1), "study");
    if (m.equals("DELETE") && (n == 2 || n == 4 && p.get(2).equals("series"))) {
      deleteStudy(x, study, n == 4 ? uid(p.get(3), "series") : null);
      return;
    }
    if (n == 2) {
      if (m.equals("POST")) {
        stow.storeInstances(x, study);
      } else {
        requireGet(get);
        wado.retrieve(x, study, null, null);
      }
      return;
    }
    requireGet(get);
    String third = p.get(2);
    if (n == 3) {
      switch (third) {
        case "metadata" -> wado.retrieveMetadata(x, study, null, null);
        case "series" -> qido.search(x, Level.SERIES, study, null);
        case "instances" -> qido.search(x, Level.IMAGE, study, null);
        case "thumbnail" -> wado.retrieveThumbnail(x, study, null, null);
        case "rendered" -> wado.retrieveRendered(x, study, null, null, null);
        default -> throw WebException.notFound("no resource '" + third + "' of a study");
      }
      return;
    }
    if (!third.equals("series")) throw WebException.notFound("no resource '" + third + "' of a study");
    String series = uid(p.get(3), "series");
    if (n == 4) {
      wado.retrieve(x, study, series, null);
      return;
    }
    String fifth = p.get(4);
    if (n == 5) {
      switch (fifth) {
        case "metadata" -> wado.retrieveMetadata(x, study, series, null);
        case "instances" -> qido.search(x, Level.IMAGE, study, series);
        case "thumbnail" -> wado.retrieveThumbnail(x, study, series, null);
        case "rendered" -> wado.retrieveRendered(x, study, series, null, null);
        default -> throw WebException.notFound("no resource '" + fifth + "' of a series");
      }
      return;
    }
    if (!fifth.equals("instances")) throw WebException.notFound("no resource '" + fifth + "' of a series");
    String instance = uid(p.get(5), "instance");
    if (n == 6) {
      wado.retrieve(x, study, series, instance);
      return;
    }
    String seventh = p.get(6);
    if (n == 7) {
      switch (seventh) {
        case "metadata" -> wado.retrieveMetadata(x, study, series, instance);
        case "rendered" -> wado.retrieveRendered(x, study, series, instance, null);
        case "thumbnail" -> wado.retrieveThumbnail(x, study, series, instance);
        default -> throw WebException.notFound("no resource '" + seventh + "' of an instance");
      }
      return;
    }
    if (seventh.equals("bulkdata")) {
      wado.retrieveBulkData(x, study, series, instance, p.subList(7, n));
      return;
    }
    if (!seventh.equals("frames")) throw WebException.notFound("no resource '" + seventh + "' of an instance");
    String frames = p.get(7);
    if (n == 8) {
      wado.retrieveFrames(x, study, series, instance, frames);
    } else if (n == 9 && p.get(8).equals("rendered")) {
      wado.retrieveRendered(x, study, series, instance, frames);
    } else if (n == 9 && p.get(8).equals("thumbnail")) {
      wado.retrieveFrameThumbnail(x, study, series, instance, frames);
    } else {
      throw WebException.notFound("no resource '" + String.join("/", p.subList(8, n)) + "' of frames");
    }
  }

  /**
   * {@code DELETE /studies/{study}[/series/{series}]} (not in PS3.18; as other archives offer it):
   * the study or series leaves the index and waits in the trash for its retention; 404 when the
   * caller's organisation has no such study. The audit record names the patient (request attribute).
   */
  private void deleteStudy(Exchange x, String study, String series) throws IOException {
    var deleted = archive.deletions().delete(x.organisation, study, series)
        .orElseThrow(() -> WebException.notFound("no " + (series == null ? "study " + study : "series " + series + " in study " + study)));
    if (deleted.patientId() != null) x.request.setAttribute(org.linnea.web.auth.HttpSecurity.DELETED_PATIENT, deleted.patientId());
    var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
        .put("study", study).put("series", series).put("instances", deleted.instances())
        .put("restore", "./linnea restore-deleted --study " + study);
    x.send(200, "application/json", body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void requireGet(boolean get) {
    if (!get) throw new WebException(405, "this resource answers GET only");
  }

  static String uid(String s, String what) {
    if (s.length() > 64 || !UID.matcher(s).matches()) {
      throw WebException.badRequest("not a " + what + " UID: '" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "'");
    }
    return s;
  }

  /**
   * Adds the CORS response headers for an allowed Origin (Fetch standard, CORS protocol). Returns
   * false when it has answered a preflight from an origin that is not allowed.
   */
  private boolean cors(Exchange x) {
    String origin = x.header(HttpHeader.ORIGIN);
    List<String> allowed = settings.corsAllowedOrigins();
    if (origin == null || allowed.isEmpty()) return true;
    boolean any = allowed.contains("*");
    boolean ok = any || allowed.contains(origin);
    var h = x.response.getHeaders();
    if (!ok) {
      if (x.method().equals("OPTIONS")) {
        x.sendError(403, "origin " + origin + " is not allowed (web.corsAllowedOrigins)");
        return false;
      }
      return true;
    }
    h.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
    if (!any) h.add(HttpHeader.VARY, "Origin");
    h.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Content-Type, Content-Length, Content-Location, Warning");
    if (x.method().equals("OPTIONS")) {
      h.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, POST, DELETE, OPTIONS");
      String req = x.header(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
      h.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, req != null ? req : "Accept, Content-Type, Authorization");
      h.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
    }
    return true;
  }
}
