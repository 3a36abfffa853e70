package io.drillbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps schema/drillbook-plan-v1.schema.json (what editors check while typing) and the parser (what
 * `plan validate` checks) in step: same keys, same enumerations, same name and duration syntax, and it
 * accepts the examples and rejects structurally bad plans.
 */
class PlanSchemaTest {

  private static final JsonNode SCHEMA_JSON = read(new ObjectMapper(), ProjectFiles.schema());
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_JSON);

  static Stream<Path> examples() throws Exception {
    return ProjectFiles.examplePlans().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleFitsTheSchema(Path example) {
    assertEquals(Set.of(), SCHEMA.validate(read(new YAMLMapper(), example)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "schema-unknown-key.yaml", "schema-bad-duration.yaml", "schema-wrong-type.yaml", "schema-unknown-action.yaml",
      "schema-missing-required.yaml", "raci-two-accountables.yaml", "raci-no-accountable.yaml", "resources-step-resource.yaml"})
  void badPlansFailTheSchema(String fixture) {
    Set<ValidationMessage> errors = SCHEMA.validate(read(new YAMLMapper(), Path.of("src/test/resources/plans", fixture)));

    assertFalse(errors.isEmpty(), fixture + " should not fit the schema");
  }

  @Test
  void theSchemaHasExactlyTheKeysTheParserReads() {
    Map<String, Set<String>> parserKeys = Map.of(
        "", PlanParser.PLAN_KEYS,
        "/$defs/metadata", PlanParser.METADATA_KEYS,
        "/$defs/objectives", PlanParser.OBJECTIVES_KEYS,
        "/$defs/party", PlanParser.PARTY_KEYS,
        "/$defs/resource", PlanParser.RESOURCE_KEYS,
        "/$defs/step", PlanParser.STEP_KEYS,
        "/$defs/raci", PlanParser.RACI_KEYS,
        "/$defs/retry", PlanParser.RETRY_KEYS);
    parserKeys.forEach((pointer, keys) -> {
      JsonNode object = SCHEMA_JSON.at(pointer);
      List<String> schemaKeys = new ArrayList<>();
      object.get("properties").fieldNames().forEachRemaining(schemaKeys::add);
      assertEquals(List.copyOf(keys), schemaKeys, "keys of " + (pointer.isEmpty() ? "the plan" : pointer));
      assertFalse(object.get("additionalProperties").asBoolean(), pointer + " must reject unknown keys, as the parser does");
    });
  }

  @Test
  void theSchemaHasTheParsersEnumerationsAndSyntax() {
    assertEquals(List.copyOf(PlanParser.ACTIONS.keySet()), strings("/$defs/step/properties/action/enum"));
    assertEquals(List.copyOf(PlanParser.PLAN_TYPES.keySet()), strings("/$defs/metadata/properties/type/enum"));
    assertEquals(List.copyOf(PlanParser.ON_FAILURE.keySet()), strings("/$defs/step/properties/onFailure/enum"));
    assertEquals(List.copyOf(PlanParser.ON_TIMEOUT.keySet()), strings("/$defs/step/properties/onTimeout/enum"));
    assertEquals(Arrays.stream(Action.values()).filter(Action::isProviderAction).map(Action::yamlName).toList(),
        strings("/$defs/step/if/properties/action/enum"));
    assertEquals(PlanParser.NAME_PATTERN, SCHEMA_JSON.at("/$defs/name/pattern").asText());
    assertEquals(DurationSyntax.PATTERN, SCHEMA_JSON.at("/$defs/duration/pattern").asText());
    assertEquals(PlanParser.API_VERSION, SCHEMA_JSON.at("/properties/apiVersion/const").asText());
    assertEquals(PlanParser.KIND, SCHEMA_JSON.at("/properties/kind/const").asText());
    assertEquals(PlanParser.MAX_RETRY_ATTEMPTS, SCHEMA_JSON.at("/$defs/retry/properties/attempts/maximum").asInt());
    assertEquals(OnFailure.ABORT.name().toLowerCase(Locale.ROOT), SCHEMA_JSON.at("/$defs/step/properties/onFailure/default").asText());
  }

  @Test
  void everyExampleTellsEditorsWhereTheSchemaIs() throws Exception {
    for (Path example : ProjectFiles.examplePlans()) {
      String first = Files.readAllLines(example).get(0);
      assertEquals("# yaml-language-server: $schema=../../schema/drillbook-plan-v1.schema.json", first, example.toString());
      assertTrue(example.getParent().resolve("../../schema/drillbook-plan-v1.schema.json").normalize().toFile().isFile());
    }
  }

  private static List<String> strings(String pointer) {
    List<String> out = new ArrayList<>();
    SCHEMA_JSON.at(pointer).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
