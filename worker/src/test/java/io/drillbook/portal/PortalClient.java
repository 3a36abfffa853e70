package io.drillbook.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for the portal's HTTP-level tests: keeps the cookies it is given (by name, as
 * sent back), follows no redirect, and reads hidden form fields out of pages.
 */
final class PortalClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final String origin;
  private final HttpClient http = HttpClient.newHttpClient();
  final Map<String, String> cookies = new LinkedHashMap<>();

  /** @param portal the portal's base URL */
  PortalClient(String portal) {
    this.origin = portal.substring(0, portal.indexOf("/portal"));
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(origin + path)).GET(), headers);
  }

  HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(origin + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  /** Signs in with an API token through the sign-in form; returns the form's answer. */
  HttpResponse<String> signIn(String token, String... headers) {
    String csrf = csrf(get("/portal/signin").body());
    return post("/portal/signin", Map.of("csrf", csrf, "token", token, "next", "/portal/drills"), headers);
  }

  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF field in the page:\n" + page);
    }
    return m.group(1);
  }

  /** The Set-Cookie header that sets {@code name}, or null. */
  static String setCookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElse(null);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      remember(response.headers().allValues("Set-Cookie"));
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void remember(List<String> setCookies) {
    for (String c : setCookies) {
      String pair = c.split(";", 2)[0];
      String name = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      boolean expired = c.toLowerCase().contains("max-age=0") || value.isEmpty();
      if (expired) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }
}
