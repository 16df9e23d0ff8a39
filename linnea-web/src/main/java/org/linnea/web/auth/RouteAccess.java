package org.linnea.web.auth;

import java.util.Optional;
import java.util.Set;
import org.linnea.security.access.Permission;

/**
 * What a request needs: nothing ({@link #PUBLIC}), a signed-in principal ({@link #SIGNED_IN}), or
 * a permission. The one table of routes; {@code docs/security.md} shows it and the tests check it.
 *
 * <pre>
 * OPTIONS anything                                   public (CORS preflight; carries no data)
 * GET/HEAD /health                                   public
 * POST /api/login                                    public (throttled)
 * GET/HEAD /api/studies/{study}/download.zip        EXPORT  (the viewer's zip with DICOMDIR)
 * /api/me, /api/logout, other /api/…                 signed in
 * /admin/…                                           CONFIGURE
 * GET {dicomweb}/studies, /series, /instances,
 *     …/{study}/series, …/{study}[/series/{s}]/instances   QUERY   (QIDO-RS)
 * other GET/HEAD under {dicomweb} (WADO-RS, WADO-URI,
 *     metadata, frames, bulk data, rendered, thumbnails)  RETRIEVE
 * POST {dicomweb}/studies[/{study}]                  STORE   (STOW-RS)
 * DELETE {dicomweb}/studies/{study}[/series/{s}]     DELETE  (to the trash)
 * other methods under {dicomweb}                     signed in (then 405)
 * GET/HEAD of any other path                         public (the web UI's static files, or 404)
 * any other method on any other path                 signed in
 * </pre>
 *
 * @param kind what is needed
 * @param permission the permission, for {@link Kind#PERMISSION}
 * @param event what the request is, for the audit trail
 */
public record RouteAccess(Kind kind, Optional<Permission> permission, Event event) {

  /** What a route needs. */
  public enum Kind {
    PUBLIC,
    SIGNED_IN,
    PERMISSION
  }

  /** Which audit event a request under a route is. */
  public enum Event {
    NONE,
    QUERY,
    VIEW,
    RETRIEVE,
    EXPORT,
    STORE,
    DELETE,
    CONFIGURATION
  }

  public static final RouteAccess PUBLIC = new RouteAccess(Kind.PUBLIC, Optional.empty(), Event.NONE);
  public static final RouteAccess SIGNED_IN = new RouteAccess(Kind.SIGNED_IN, Optional.empty(), Event.NONE);

  private static final Set<String> QIDO = Set.of("studies", "series", "instances");
  private static final Set<String> VIEWS = Set.of("metadata", "rendered", "thumbnail");

  static RouteAccess needs(Permission p, Event e) {
    return new RouteAccess(Kind.PERMISSION, Optional.of(p), e);
  }

  /**
   * The access a request needs.
   *
   * @param dicomweb the DICOMweb prefix, e.g. {@code /dicomweb}
   */
  public static RouteAccess of(String method, String path, String dicomweb) {
    boolean get = method.equals("GET") || method.equals("HEAD");
    if (method.equals("OPTIONS")) return PUBLIC;
    if (path.equals("/health")) return get ? PUBLIC : SIGNED_IN;
    if (path.equals("/api/login")) return PUBLIC;
    if (get && path.startsWith("/api/studies/") && path.endsWith("/download.zip")) return needs(Permission.EXPORT, Event.EXPORT);
    if (under(path, "/api")) return SIGNED_IN;
    if (under(path, "/admin")) return needs(Permission.CONFIGURE, get ? Event.NONE : Event.CONFIGURATION);
    if (under(path, dicomweb)) {
      String[] seg = path.substring(dicomweb.length()).replaceAll("^/+|/+$", "").split("/+");
      String last = seg[seg.length - 1];
      if (method.equals("POST")) return needs(Permission.STORE, Event.STORE);
      if (method.equals("DELETE") && seg[0].equals("studies") && (seg.length == 2 || seg.length == 4 && seg[2].equals("series"))) {
        return needs(Permission.DELETE, Event.DELETE);
      }
      if (!get) return SIGNED_IN;
      if (QIDO.contains(last) && seg.length % 2 == 1) return needs(Permission.QUERY, Event.QUERY);
      boolean view = VIEWS.contains(last) || (seg.length >= 2 && VIEWS.contains(seg[seg.length - 2]));
      return needs(Permission.RETRIEVE, view ? Event.VIEW : Event.RETRIEVE);
    }
    return get ? PUBLIC : SIGNED_IN;
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
