package io.drillbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.provider.catalog.BuiltInCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplePlansTest {

  static Stream<Path> examples() throws Exception {
    return ProjectFiles.examplePlans().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsValidAgainstTheBuiltInCatalog(Path file) throws Exception {
    LoadedPlan loaded = PlanLoader.load(file, new BuiltInCatalog());
    assertEquals(List.of(), loaded.errors(), () -> String.join("\n", loaded.errors().stream().map(PlanError::toString).toList()));
    assertEquals(64, loaded.sha256().length());
  }

  @Test
  void theExamplesTheDocsPromiseAreThere() throws Exception {
    List<String> names = ProjectFiles.examplePlans().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("local-restore-test.yaml", "local-failover-test.yaml", "local-reversibility.yaml",
        "approvals-demo.yaml", "aws-rds-monthly-restore.yaml", "azure-postgresql-failover.yaml")), names::toString);
  }
}
