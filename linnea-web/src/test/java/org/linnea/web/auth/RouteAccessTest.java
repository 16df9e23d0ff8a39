package org.linnea.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linnea.security.access.Permission;

/** The route table without a server: what each method and path needs, and which audit event it is. */
class RouteAccessTest {
  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
      "GET, /health, PUBLIC, , NONE",
      "POST, /health, SIGNED_IN, , NONE",
      "OPTIONS, /dicomweb/studies, PUBLIC, , NONE",
      "POST, /api/login, PUBLIC, , NONE",
      "GET, /api/me, SIGNED_IN, , NONE",
      "POST, /api/logout, SIGNED_IN, , NONE",
      "GET, /api/anything, SIGNED_IN, , NONE",
      "GET, /api/studies/1.2.3/download.zip, PERMISSION, EXPORT, EXPORT",
      "POST, /api/studies/1.2.3/download.zip, SIGNED_IN, , NONE",
      "GET, /, PUBLIC, , NONE",
      "GET, /ui/app.js, PUBLIC, , NONE",
      "POST, /ui/app.js, SIGNED_IN, , NONE",
      "GET, /admin/remote-aes, PERMISSION, CONFIGURE, NONE",
      "PUT, /admin/remote-aes/X, PERMISSION, CONFIGURE, CONFIGURATION",
      "DELETE, /admin/remote-aes/X, PERMISSION, CONFIGURE, CONFIGURATION",
      "GET, /dicomweb/studies, PERMISSION, QUERY, QUERY",
      "GET, /dicomweb/series, PERMISSION, QUERY, QUERY",
      "GET, /dicomweb/instances, PERMISSION, QUERY, QUERY",
      "GET, /dicomweb/studies/1.2/series, PERMISSION, QUERY, QUERY",
      "GET, /dicomweb/studies/1.2/instances, PERMISSION, QUERY, QUERY",
      "GET, /dicomweb/studies/1.2/series/1.3/instances, PERMISSION, QUERY, QUERY",
      "HEAD, /dicomweb/studies/1.2, PERMISSION, RETRIEVE, RETRIEVE",
      "GET, /dicomweb/studies/1.2/series/1.3, PERMISSION, RETRIEVE, RETRIEVE",
      "GET, /dicomweb/studies/1.2/series/1.3/instances/1.4, PERMISSION, RETRIEVE, RETRIEVE",
      "GET, /dicomweb/studies/1.2/metadata, PERMISSION, RETRIEVE, VIEW",
      "GET, /dicomweb/studies/1.2/series/1.3/instances/1.4/frames/1, PERMISSION, RETRIEVE, RETRIEVE",
      "GET, /dicomweb/studies/1.2/series/1.3/instances/1.4/frames/1/rendered, PERMISSION, RETRIEVE, VIEW",
      "GET, /dicomweb/studies/1.2/series/1.3/instances/1.4/rendered, PERMISSION, RETRIEVE, VIEW",
      "GET, /dicomweb/studies/1.2/thumbnail, PERMISSION, RETRIEVE, VIEW",
      "GET, /dicomweb/studies/1.2/series/1.3/instances/1.4/bulkdata/7FE00010, PERMISSION, RETRIEVE, RETRIEVE",
      "GET, /dicomweb/wado, PERMISSION, RETRIEVE, RETRIEVE",
      "GET, /dicomweb, PERMISSION, RETRIEVE, RETRIEVE",
      "POST, /dicomweb/studies, PERMISSION, STORE, STORE",
      "POST, /dicomweb/studies/1.2, PERMISSION, STORE, STORE",
      "DELETE, /dicomweb/studies/1.2, PERMISSION, DELETE, DELETE",
      "DELETE, /dicomweb/studies/1.2/series/1.3, PERMISSION, DELETE, DELETE",
      "DELETE, /dicomweb/studies/1.2/series, SIGNED_IN, , NONE",
      "DELETE, /dicomweb/studies/1.2/series/1.3/instances/1.4, SIGNED_IN, , NONE",
      "DELETE, /dicomweb/studies, SIGNED_IN, , NONE",
  })
  void eachRoute(String method, String path, RouteAccess.Kind kind, Permission permission, RouteAccess.Event event) {
    RouteAccess a = RouteAccess.of(method, path, "/dicomweb");
    assertThat(a.kind()).isEqualTo(kind);
    assertThat(a.permission()).isEqualTo(Optional.ofNullable(permission));
    assertThat(a.event()).isEqualTo(event);
  }

  @Test
  void onlyTheExactPrefixesAreProtectedNamespaces() {
    // A look-alike outside the prefixes is an ordinary (public) static path that no data route serves.
    assertThat(RouteAccess.of("GET", "/dicomwebx/studies", "/dicomweb").kind()).isEqualTo(RouteAccess.Kind.PUBLIC);
    assertThat(RouteAccess.of("GET", "/adminx", "/dicomweb").kind()).isEqualTo(RouteAccess.Kind.PUBLIC);
  }
}
