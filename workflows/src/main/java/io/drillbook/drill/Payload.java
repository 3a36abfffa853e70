package io.drillbook.drill;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An evidence payload in the order its keys are added, without null values: an absent measurement is left
 * out rather than written as null, so every value a reader finds means something.
 */
final class Payload {

  private final Map<String, Object> values = new LinkedHashMap<>();

  static Payload of() {
    return new Payload();
  }

  Payload put(String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
    return this;
  }

  Map<String, Object> map() {
    return Collections.unmodifiableMap(values);
  }
}
