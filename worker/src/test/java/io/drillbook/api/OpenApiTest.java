package io.drillbook.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document describes exactly the routes the server registers, and every reference in it resolves. */
class OpenApiTest {
  @TempDir static Path home;
  static ApiFixture f;
  static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    f = new ApiFixture(home, Map.of());
    doc = ApiFixture.JSON.readTree(ApiServer.openApiDocument());
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndViceVersa() {
    TreeSet<String> documented = new TreeSet<>();
    doc.get("paths").properties().forEach(path -> path.getValue().properties()
        .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
    assertEquals(documented, new TreeSet<>(f.api.routes()));
    assertEquals("3.1.0", doc.get("openapi").asText());
  }

  @Test
  void everyOperationHasAnIdAndEveryProtectedOneAnswers401() {
    List<String> problems = new ArrayList<>();
    doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      JsonNode operation = op.getValue();
      if (!operation.hasNonNull("operationId")) {
        problems.add(op.getKey() + " " + path.getKey() + ": no operationId");
      }
      boolean isPublic = operation.has("security") && operation.get("security").isEmpty();
      if (!isPublic && !operation.get("responses").has("401")) {
        problems.add(op.getKey() + " " + path.getKey() + ": no 401");
      }
    }));
    assertEquals(List.of(), problems);
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertTrue(refs.size() > 10);
    for (String ref : refs) {
      assertTrue(ref.startsWith("#/components/schemas/"), ref);
      assertTrue(doc.get("components").get("schemas").has(ref.substring("#/components/schemas/".length())), ref);
    }
  }

  @Test
  void theServedDocumentIsTheResource() {
    assertEquals(doc, f.get(null, "/openapi.json").body());
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getKey().equals("$ref")) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }
}
