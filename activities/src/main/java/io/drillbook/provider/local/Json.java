package io.drillbook.provider.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The small JSON files the local provider keeps next to what it creates (owner markers, completion records,
 * manifests). Writes go to a temporary file renamed into place, so a crash never leaves half a file that a
 * retried attempt would misread.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Json() {}

  static void write(Path file, Object value) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, MAPPER.writeValueAsBytes(value));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static <T> T read(Path file, Class<T> type) throws IOException {
    return MAPPER.readValue(file.toFile(), type);
  }

  static Map<String, Object> readMap(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
  }
}
