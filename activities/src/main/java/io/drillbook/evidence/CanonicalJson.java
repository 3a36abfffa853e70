package io.drillbook.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The one JSON encoding that hashes are computed over: object keys sorted by Unicode code point at every
 * level (the order {@code jq -S} uses), no whitespace, strings and numbers as Jackson writes them. Any value
 * is first written by Jackson and read back as a tree, so a Java {@code Float}, a {@code BigDecimal} and the
 * double parsed from their text all end up as the same tree, which makes the encoding idempotent:
 * {@code write(parse(write(x))).equals(write(x))}.
 */
public final class CanonicalJson {

  /** Shared, thread-safe mapper: times as ISO-8601 strings, Optionals unwrapped. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new Jdk8Module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private CanonicalJson() {}

  /** The canonical text of any value Jackson can serialize (maps, lists, records, scalars, trees). */
  public static String write(Object value) {
    try {
      return write(parse(MAPPER.writeValueAsString(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The canonical text of a tree as {@link #parse} or {@link #tree} give it. A tree built by hand is written
   * as it is, without the normalisation of {@link #write(Object)} (a {@code DecimalNode} keeps its scale).
   */
  public static String write(JsonNode node) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      writeSorted(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write canonical JSON", e);
    }
    return out.toString();
  }

  /** The value as a JSON tree read back from its canonical text: normalised, members in canonical order. */
  public static JsonNode tree(Object value) {
    return parse(write(value));
  }

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}: what {@code sha256sum} prints. */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private static void writeSorted(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(CanonicalJson::compareCodePoints);
      g.writeStartObject();
      for (String name : names) {
        g.writeFieldName(name);
        writeSorted(g, node.get(name));
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        writeSorted(g, element);
      }
      g.writeEndArray();
    } else {
      g.writeTree(node);
    }
  }

  // String.compareTo orders UTF-16 units, which puts U+E000..U+FFFF after supplementary characters;
  // jq and most other tools order by code point.
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
