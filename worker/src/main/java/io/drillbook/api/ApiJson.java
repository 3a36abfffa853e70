package io.drillbook.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.plan.RaciMatrix;
import io.drillbook.service.ServiceRefusal;
import io.drillbook.service.ServiceRefusal.Kind;
import io.drillbook.service.StoredPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the API: times as ISO-8601 strings, records by their components, and the few shapes that are
 * not a record of the domain (plans, RACI matrices, verifications, errors), built here in one place so the
 * OpenAPI document has one place to match.
 */
final class ApiJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .registerModule(new Jdk8Module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private ApiJson() {}

  /** The request body as a JSON object; an empty body reads as an empty object. */
  static JsonNode body(String text) {
    if (text == null || text.isBlank()) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode body = MAPPER.readTree(text);
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // answered below, like any other body that is not an object
    }
    throw new ServiceRefusal(Kind.INVALID, "the request body is not a JSON object", "send e.g. {\"plan\": \"NAME\"}");
  }

  /** An optional text member of a body; a member of another type is refused. */
  static String text(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ServiceRefusal(Kind.INVALID, "'" + member + "' is not a string", "send it as a JSON string");
    }
    return value.asText();
  }

  static Map<String, Object> error(String error, String detail, String fix) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", error);
    json.put("detail", detail);
    json.put("fix", fix);
    return json;
  }

  static Map<String, Object> plan(StoredPlan p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", p.name());
    json.put("tenant", p.tenant());
    json.put("type", p.type());
    json.put("file", p.loaded().file());
    json.put("sha256", p.loaded().sha256());
    json.put("valid", p.valid());
    json.put("errors", p.loaded().errors().stream().map(Object::toString).toList());
    json.put("warnings", p.loaded().warnings());
    return json;
  }

  /** The matrix with every role spelled out: one row per step, one cell per party column (empty: no role). */
  static Map<String, Object> raci(StoredPlan p, RaciMatrix matrix) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("plan", p.name());
    json.put("tenant", p.tenant());
    json.put("columns", matrix.columns().stream().map(c -> Map.of("party", c.party(), "name", c.name())).toList());
    json.put("rows", matrix.rows().stream().map(r -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("stepId", r.stepId());
      row.put("action", r.action().yamlName());
      row.put("cleanup", r.cleanup());
      Map<String, String> cells = new LinkedHashMap<>();
      for (int i = 0; i < matrix.columns().size(); i++) {
        cells.put(matrix.columns().get(i).party(), r.cells().get(i));
      }
      row.put("cells", cells);
      return row;
    }).toList());
    json.put("legend", RaciMatrix.LEGEND);
    return json;
  }

  static Map<String, Object> verification(ChainVerification v) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("drillId", v.drillId());
    json.put("intact", v.intact());
    json.put("eventsChecked", v.eventsChecked());
    json.put("lastSeq", v.lastSeq());
    json.put("lastHash", v.lastHash());
    json.put("anchored", v.anchored());
    json.put("firstBreak", v.firstBreak());
    json.put("summary", v.summary());
    return json;
  }

  static Map<String, Object> events(String drillId, List<ObjectNode> events) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("drillId", drillId);
    json.put("events", events);
    return json;
  }
}
