package org.linnea.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A media type with its parameters ({@code multipart/related; type="application/dicom";
 * transfer-syntax=*}), as Accept and Content-Type headers carry them (RFC 9110 8.3.1, 12.5.1).
 * Type, subtype and parameter names are lower-cased; parameter values keep their case, quotes
 * removed.
 */
record MediaType(String type, String subtype, Map<String, String> params) {

  String essence() {
    return type + "/" + subtype;
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  boolean matches(String essence) {
    String[] ts = essence.split("/", 2);
    return (type.equals("*") || type.equals(ts[0])) && (subtype.equals("*") || subtype.equals(ts[1]));
  }

  double quality() {
    try {
      return Double.parseDouble(params.getOrDefault("q", "1"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** One media type; throws WebException(400) when it is not one. */
  static MediaType parse(String s) {
    List<String> parts = split(s, ';');
    String essence = parts.get(0).strip().toLowerCase(Locale.ROOT);
    int slash = essence.indexOf('/');
    if (slash <= 0 || slash == essence.length() - 1 || essence.indexOf('/', slash + 1) >= 0 || essence.chars().anyMatch(Character::isWhitespace)) {
      throw WebException.badRequest("not a media type: '" + s + "'");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.size(); i++) {
      String p = parts.get(i).strip();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      if (eq <= 0) throw WebException.badRequest("malformed media type parameter '" + p + "' in '" + s + "'");
      String v = p.substring(eq + 1).strip();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
      params.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), v);
    }
    return new MediaType(essence.substring(0, slash), essence.substring(slash + 1), params);
  }

  /** The media ranges of Accept headers (several headers and comma-separated lists); empty means anything. */
  static List<MediaType> parseAccept(List<String> headers) {
    List<MediaType> out = new ArrayList<>();
    for (String h : headers) {
      for (String range : split(h, ',')) {
        if (!range.isBlank()) out.add(parse(range.strip()));
      }
    }
    out.sort((a, b) -> Double.compare(b.quality(), a.quality()));
    return out;
  }

  /** Splits at {@code sep} outside double quotes. */
  static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') quoted = !quoted;
      if (c == sep && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
