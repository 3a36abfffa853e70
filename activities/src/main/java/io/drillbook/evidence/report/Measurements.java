package io.drillbook.evidence.report;

import static io.drillbook.evidence.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A step's outputs as report lines: well-known keys of the providers named in the reader's language, values
 * formatted by what their key says they are (durations, sizes, times, counts), identifiers and checksums in a
 * fixed-width font. Unknown keys are shown as they are: the report never hides a measurement.
 */
final class Measurements {

  /** Entries of a map or list shown in the report; the rest is in events.json. */
  static final int SHOWN_ENTRIES = 12;

  private static final Pattern REQUEST_ID = Pattern.compile("(?i).*request[-_]?ids?");
  /** Keys whose values are identifiers, digests or locations: shown in a fixed-width font. */
  private static final Pattern IDENTIFIER = Pattern.compile(
      ".*(Id|Ids|Sha256|Checksum|Checksums|Hash|Path|Dsn|Dir|File)|id|ids|sha256|checksums?|hash|path|dsn|file");
  private static final Pattern HEX_DIGEST = Pattern.compile("(sha256:)?[0-9a-fA-F]{32,}");

  private static final Map<String, String[]> LABELS = Map.ofEntries(
      Map.entry("snapshotId", new String[] {"Identifiant de l'instantané", "Snapshot ID"}),
      Map.entry("method", new String[] {"Méthode", "Method"}),
      Map.entry("path", new String[] {"Emplacement", "Location"}),
      Map.entry("sizeBytes", new String[] {"Taille", "Size"}),
      Map.entry("totalBytes", new String[] {"Volume total", "Total volume"}),
      Map.entry("manifestSha256", new String[] {"SHA-256 du manifeste", "Manifest SHA-256"}),
      Map.entry("manifestPath", new String[] {"Manifeste", "Manifest"}),
      Map.entry("consistentAtMillis", new String[] {"Données cohérentes à", "Data consistent at"}),
      Map.entry("database", new String[] {"Base de données", "Database"}),
      Map.entry("serverVersion", new String[] {"Version du serveur", "Server version"}),
      Map.entry("format", new String[] {"Format", "Format"}),
      Map.entry("files", new String[] {"Fichiers", "Files"}),
      Map.entry("filesChecked", new String[] {"Fichiers vérifiés", "Files checked"}),
      Map.entry("tables", new String[] {"Tables", "Tables"}),
      Map.entry("rowCounts", new String[] {"Nombre de lignes par table", "Rows per table"}),
      Map.entry("sourceRowCounts", new String[] {"Lignes par table à la source", "Rows per table at the source"}),
      Map.entry("checksums", new String[] {"Sommes de contrôle par table", "Checksums per table"}),
      Map.entry("sourceChecksums", new String[] {"Sommes de contrôle à la source", "Checksums at the source"}),
      Map.entry("checks", new String[] {"Contrôles", "Checks"}),
      Map.entry("queryResults", new String[] {"Requêtes de contrôle", "Check queries"}),
      Map.entry("rowCountTolerance", new String[] {"Tolérance sur le nombre de lignes", "Row count tolerance"}),
      Map.entry("throughputBytesPerSec", new String[] {"Débit", "Throughput"}),
      Map.entry("rtoMillis", new String[] {"RTO mesuré", "Measured RTO"}),
      Map.entry("rpoMillis", new String[] {"RPO mesuré", "Measured RPO"}),
      Map.entry("rowsLost", new String[] {"Lignes perdues", "Rows lost"}),
      Map.entry("canaryWrites", new String[] {"Écritures témoins", "Canary writes"}),
      Map.entry("createdResources", new String[] {"Ressources créées", "Resources created"}),
      Map.entry("expiresAt", new String[] {"Expire le", "Expires at"}),
      Map.entry("removed", new String[] {"Supprimées", "Removed"}),
      Map.entry("alreadyGone", new String[] {"Déjà absentes", "Already gone"}),
      Map.entry("decision", new String[] {"Décision", "Decision"}),
      Map.entry("decidedBy", new String[] {"Décidé par", "Decided by"}),
      Map.entry("completedBy", new String[] {"Réalisé par", "Completed by"}),
      Map.entry("scratchDsn", new String[] {"Base de test (DSN)", "Scratch database (DSN)"}),
      Map.entry("sourceDsn", new String[] {"Base source (DSN)", "Source database (DSN)"}),
      Map.entry("errorClass", new String[] {"Type d'erreur", "Error type"}),
      Map.entry("attempt", new String[] {"Tentative", "Attempt"}),
      Map.entry("durationMillis", new String[] {"Durée mesurée", "Measured duration"}));

  private final ReportLanguage lang;
  private final Formats formats;

  Measurements(ReportLanguage lang, Formats formats) {
    this.lang = lang;
    this.formats = formats;
  }

  /** The key's label, escaped: the reader's words for a well-known key, the key itself otherwise. */
  String label(String key) {
    String[] known = LABELS.get(key);
    if (known != null) {
      return esc(known[lang == ReportLanguage.FR ? 0 : 1]);
    }
    if (REQUEST_ID.matcher(key).matches()) {
      return esc(lang == ReportLanguage.FR ? "Identifiants de requête du fournisseur" : "Provider request IDs");
    }
    return esc(key);
  }

  /** The value as escaped HTML, formatted by what {@code key} says it is. */
  String value(String key, JsonNode value) {
    if (value == null || value.isNull()) {
      return "—";
    }
    if (value.isObject()) {
      return entries(key, value);
    }
    if (value.isArray()) {
      return list(key, value);
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? Text.YES.in(lang) : Text.NO.in(lang);
    }
    if (value.isIntegralNumber()) {
      return number(key, value.asLong());
    }
    if (value.isNumber()) {
      return formats.decimal(value.asDouble());
    }
    String text = value.asText();
    return IDENTIFIER.matcher(key).matches() || REQUEST_ID.matcher(key).matches() || HEX_DIGEST.matcher(text).matches()
        ? "<span class=\"mono\">" + esc(text) + "</span>"
        : esc(text);
  }

  /** Every top-level output as a (label, value) pair, in the order the step reported them. */
  List<String[]> rows(JsonNode outputs) {
    List<String[]> rows = new ArrayList<>();
    outputs.properties().forEach(e -> rows.add(new String[] {label(e.getKey()), value(e.getKey(), e.getValue())}));
    return rows;
  }

  private String number(String key, long n) {
    if (key.endsWith("AtMillis")) {
      return formats.dateTime(Instant.ofEpochMilli(n));
    }
    if (key.endsWith("Millis")) {
      return formats.duration(n);
    }
    if (key.endsWith("BytesPerSec")) {
      return formats.bytes(n) + "/s";
    }
    if (key.endsWith("Bytes")) {
      return formats.bytes(n);
    }
    return formats.integer(n);
  }

  /** A map such as rows per table: one line per entry, values formatted as their parent key says. */
  private String entries(String key, JsonNode map) {
    StringBuilder out = new StringBuilder("<table class=\"inner\">");
    int shown = 0;
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      if (shown++ == SHOWN_ENTRIES) {
        out.append("<tr><td colspan=\"2\" class=\"muted\">")
            .append(Text.MORE_ENTRIES.in(lang, formats.integer(map.size() - SHOWN_ENTRIES))).append("</td></tr>");
        break;
      }
      JsonNode v = e.getValue();
      String formatted = v.isValueNode() ? value(key, v) : "<span class=\"mono\">" + esc(compact(v)) + "</span>";
      out.append("<tr><td class=\"mono\">").append(esc(e.getKey())).append("</td><td class=\"num\">")
          .append(formatted).append("</td></tr>");
    }
    return out.append("</table>").toString();
  }

  private String list(String key, JsonNode list) {
    List<String> items = new ArrayList<>();
    for (JsonNode item : list) {
      if (items.size() == SHOWN_ENTRIES) {
        items.add("<span class=\"muted\">"
            + Text.MORE_ENTRIES.in(lang, formats.integer(list.size() - SHOWN_ENTRIES)) + "</span>");
        break;
      }
      items.add(item.isValueNode() ? value(key, item)
          : item.has("passed") ? check(item)
          : "<span class=\"mono\">" + esc(compact(item)) + "</span>");
    }
    return items.isEmpty() ? "—" : String.join("<br/>", items);
  }

  /** A named check of a verify step: {@code ✓ name: value (expected …)}. */
  String check(JsonNode check) {
    boolean passed = check.path("passed").asBoolean(false);
    String mark = passed ? "<span class=\"ok\">✓</span> " : "<span class=\"ko\">✗</span> ";
    String value = check.has("value") ? ": " + value("value", check.get("value")) : "";
    String expect = check.has("expect")
        ? " (" + Text.EXPECTED.in(lang) + " " + esc(check.get("expect").asText()) + ")"
        : "";
    return mark + esc(check.path("name").asText("?")) + value + expect;
  }

  /** A nested value as one short line of JSON. */
  static String compact(JsonNode v) {
    String text = v.toString();
    return text.length() > 160 ? text.substring(0, 159) + "…" : text;
  }
}
