package io.drillbook.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the repository that tests check (examples, schema), found from the module's directory. */
final class ProjectFiles {

  private ProjectFiles() {}

  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/plans")) && Files.isDirectory(dir.resolve("workflows"))) {
        return dir;
      }
    }
    throw new IllegalStateException("run the tests from inside the drillbook repository");
  }

  static List<Path> examplePlans() throws Exception {
    try (Stream<Path> files = Files.list(root().resolve("examples/plans"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  static Path schema() {
    return root().resolve("schema/drillbook-plan-v1.schema.json");
  }
}
