package org.linnea.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.linnea.security.access.Role;
import org.linnea.security.dicom.AllowedPeer;
import java.util.Optional;

/**
 * The {@code security.*} settings (docs/configuration.md, docs/security.md).
 *
 * @param organisation the organisation that runs the node, {@code security.organisation}: the
 *     first administrator's, and the one of loopback DICOM callers when no AE is configured
 * @param sessionTtl how long a session token of {@code POST /api/login} is valid, {@code
 *     security.sessionMinutes}
 * @param oidcIssuer the OpenID Connect provider's issuer ({@code iss}), {@code
 *     security.oidc.issuer}; empty: bearer JWTs are not accepted
 * @param oidcAudience the audience Linnea's tokens carry, {@code security.oidc.audience}
 * @param oidcJwksUrl the provider's JWKS URL, {@code security.oidc.jwksUrl}
 * @param oidcJwksFile or a JWK set in a file, {@code security.oidc.jwksFile}
 * @param oidcUsernameClaim {@code security.oidc.usernameClaim}
 * @param oidcOrganisationClaim {@code security.oidc.organisationClaim}; tokens without it belong
 *     to {@code organisation}
 * @param oidcRolesClaim {@code security.oidc.rolesClaim}, a dotted path such as {@code
 *     realm_access.roles}
 * @param dicomCallers the calling-AE allow-list, {@code security.dicom.callers}: entries {@code
 *     AET@NETWORK[,NETWORK…]=ORGANISATION:ROLE[+ROLE…]} separated by {@code ;} (a YAML list of such
 *     strings); empty: only callers on this machine, as the node's organisation with READER and
 *     UPLOADER
 * @param dicomMaxAssociationsPerPeer concurrent associations from one address, {@code
 *     security.dicom.maxAssociationsPerPeer}
 * @param syslogHost the audit collector (RFC 5424 over TLS, RFC 5425), {@code
 *     security.syslog.host}; empty: no forwarding
 * @param syslogPort {@code security.syslog.port}
 * @param syslogTls {@code security.syslog.tls}: false only for a collector on a trusted network
 * @param syslogCaFile the PEM certificates the collector's certificate is checked against,
 *     {@code security.syslog.caFile} (required with TLS)
 */
public record SecuritySettings(
    String organisation,
    Duration sessionTtl,
    String oidcIssuer,
    String oidcAudience,
    Optional<URI> oidcJwksUrl,
    Optional<Path> oidcJwksFile,
    String oidcUsernameClaim,
    String oidcOrganisationClaim,
    String oidcRolesClaim,
    List<AllowedPeer> dicomCallers,
    int dicomMaxAssociationsPerPeer,
    String syslogHost,
    int syslogPort,
    boolean syslogTls,
    Optional<Path> syslogCaFile) {

  static void defaults(Map<String, String> d) {
    d.put("security.organisation", "default");
    d.put("security.sessionMinutes", "480");
    d.put("security.oidc.issuer", "");
    d.put("security.oidc.audience", "");
    d.put("security.oidc.jwksUrl", "");
    d.put("security.oidc.jwksFile", "");
    d.put("security.oidc.usernameClaim", "preferred_username");
    d.put("security.oidc.organisationClaim", "organisation");
    d.put("security.oidc.rolesClaim", "roles");
    d.put("security.dicom.callers", "");
    d.put("security.dicom.maxAssociationsPerPeer", "32");
    d.put("security.syslog.host", "");
    d.put("security.syslog.port", "6514");
    d.put("security.syslog.tls", "true");
    d.put("security.syslog.caFile", "");
  }

  static SecuritySettings of(Map<String, String> v) {
    String org = v.get("security.organisation").strip();
    if (org.isEmpty() || org.length() > 200) throw new ConfigurationException("security.organisation: 1 to 200 characters");
    long minutes;
    try {
      minutes = Long.parseLong(v.get("security.sessionMinutes").strip());
    } catch (NumberFormatException e) {
      throw new ConfigurationException("security.sessionMinutes: not a number: '" + v.get("security.sessionMinutes") + "'");
    }
    if (minutes < 1) throw new ConfigurationException("security.sessionMinutes: must be at least 1");
    String issuer = v.get("security.oidc.issuer").strip();
    String audience = v.get("security.oidc.audience").strip();
    String url = v.get("security.oidc.jwksUrl").strip();
    String file = v.get("security.oidc.jwksFile").strip();
    Optional<URI> jwksUrl = Optional.empty();
    if (!url.isEmpty()) {
      try {
        URI u = URI.create(url);
        if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) throw new IllegalArgumentException("not http(s)");
        jwksUrl = Optional.of(u);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("security.oidc.jwksUrl: not an http(s) URL: '" + url + "'");
      }
    }
    if (!issuer.isEmpty()) {
      if (audience.isEmpty()) throw new ConfigurationException("security.oidc.audience: required with security.oidc.issuer (Linnea's client id at the provider)");
      if (url.isEmpty() == file.isEmpty()) throw new ConfigurationException("security.oidc: give exactly one of jwksUrl and jwksFile for the provider's keys");
    }
    return new SecuritySettings(org, Duration.ofMinutes(minutes), issuer, audience, jwksUrl,
        file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file)),
        v.get("security.oidc.usernameClaim").strip(), v.get("security.oidc.organisationClaim").strip(), v.get("security.oidc.rolesClaim").strip(),
        callers(v.get("security.dicom.callers")), perPeer(v.get("security.dicom.maxAssociationsPerPeer")),
        v.get("security.syslog.host").strip(), syslogPort(v.get("security.syslog.port")), syslogTls(v), syslogCa(v));
  }

  private static int syslogPort(String s) {
    try {
      int p = Integer.parseInt(s.strip());
      if (p < 1 || p > 65535) throw new NumberFormatException();
      return p;
    } catch (NumberFormatException e) {
      throw new ConfigurationException("security.syslog.port: a port (1 to 65535), not '" + s + "'");
    }
  }

  private static boolean syslogTls(Map<String, String> v) {
    return switch (v.get("security.syslog.tls").strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigurationException("security.syslog.tls: expected true or false, not '" + v.get("security.syslog.tls") + "'");
    };
  }

  private static Optional<Path> syslogCa(Map<String, String> v) {
    String f = v.get("security.syslog.caFile").strip();
    if (!v.get("security.syslog.host").isBlank() && syslogTls(v) && f.isEmpty()) {
      throw new ConfigurationException("security.syslog.caFile: required to check the collector's certificate (or security.syslog.tls: false)");
    }
    return f.isEmpty() ? Optional.empty() : Optional.of(Path.of(f));
  }

  private static int perPeer(String s) {
    try {
      int n = Integer.parseInt(s.strip());
      if (n < 1) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigurationException("security.dicom.maxAssociationsPerPeer: a number of at least 1, not '" + s + "'");
    }
  }

  /** Parses {@code AET@NET[,NET]=ORG:ROLE[+ROLE];…}. */
  static List<AllowedPeer> callers(String s) {
    List<AllowedPeer> out = new ArrayList<>();
    for (String entry : s.split(";")) {
      String e = entry.strip();
      if (e.isEmpty()) continue;
      int at = e.indexOf('@');
      int eq = e.indexOf('=', Math.max(at, 0));
      int colon = eq < 0 ? -1 : e.indexOf(':', eq);
      if (at <= 0 || eq < at || colon < eq) {
        throw new ConfigurationException("security.dicom.callers: '" + e + "': expected AET@NETWORK[,NETWORK]=ORGANISATION:ROLE[+ROLE]");
      }
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (String r : e.substring(colon + 1).split("\\+")) {
        roles.add(Role.parse(r.strip()).orElseThrow(() -> new ConfigurationException("security.dicom.callers: '" + e + "': no role '" + r.strip() + "'")));
      }
      try {
        out.add(new AllowedPeer(e.substring(0, at), List.of(e.substring(at + 1, eq).strip().split("\\s*,\\s*")), e.substring(eq + 1, colon).strip(), roles));
      } catch (IllegalArgumentException x) {
        throw new ConfigurationException("security.dicom.callers: '" + e + "': " + x.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** Whether bearer JWTs of a provider are accepted. */
  public boolean oidcEnabled() {
    return !oidcIssuer.isEmpty();
  }
}
