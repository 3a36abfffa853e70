package io.drillbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drillbook.provider.catalog.BuiltInCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanGraphTest {

  private final Plan plan = load("approvals-demo.yaml");

  @Test
  void levelsPutParallelStepsTogether() {
    List<List<String>> levels = PlanGraph.of(plan).levels().stream().map(l -> l.stream().map(Step::id).toList()).toList();

    assertEquals(List.of(List.of("announce"), List.of("switch-to-paper", "check-runbook"), List.of("hold"),
        List.of("back-to-ehr"), List.of("closing-notice")), levels);
  }

  @Test
  void text() {
    assertEquals("""
        pca-tabletop: 5 levels (steps of one level may run in parallel)
          level 1
            announce         notify
          level 2
            switch-to-paper  manual by dsi-client    needs announce
            check-runbook    manual by msp-manager   needs announce
          level 3
            hold             wait 20s                needs switch-to-paper
          level 4
            back-to-ehr      approval by dsi-client  needs hold, check-runbook
          level 5
            closing-notice   notify                  needs back-to-ehr
        """, PlanGraph.of(plan).render(GraphFormat.TEXT));
  }

  @Test
  void mermaidWithCleanupFedByFrom() {
    assertEquals("""
        flowchart TD
          s_snapshot["snapshot<br/>snapshot ehr-db"]
          s_restore["restore<br/>restore ehr-db"]
          s_check_data["check-data<br/>verify ehr-db"]
          s_client_sign_off{{"client-sign-off<br/>approval by dsi-client"}}
          subgraph cleanup ["cleanup"]
            s_drop_scratch["drop-scratch<br/>delete ehr-db"]
          end
          s_snapshot --> s_restore
          s_restore --> s_check_data
          s_check_data --> s_client_sign_off
          s_restore -.->|from| s_drop_scratch
        """, PlanGraph.of(load("local-restore-test.yaml")).render(GraphFormat.MERMAID));
  }

  @Test
  void dot() {
    assertEquals("""
        digraph "ehr-db-monthly-restore" {
          rankdir=TB;
          node [shape=box];
          "snapshot" [label="snapshot\\nsnapshot ehr-db"];
          "restore" [label="restore\\nrestore ehr-db"];
          "check-data" [label="check-data\\nverify ehr-db"];
          "client-sign-off" [label="client-sign-off\\napproval by dsi-client", shape=hexagon];
          subgraph cluster_cleanup {
            label="cleanup";
            style=dashed;
            "drop-scratch" [label="drop-scratch\\ndelete ehr-db"];
          }
          "snapshot" -> "restore";
          "restore" -> "check-data";
          "check-data" -> "client-sign-off";
          "restore" -> "drop-scratch" [style=dashed, label="from"];
        }
        """, PlanGraph.of(load("local-restore-test.yaml")).render(GraphFormat.DOT));
  }

  @Test
  void aCycleIsRefusedRatherThanLooping() {
    Step a = new Step("a", Action.WAIT, null, List.of("b"), null, null, null, null, null, null, null);
    Step b = new Step("b", Action.WAIT, null, List.of("a"), null, null, null, null, null, null, null);
    Plan cyclic = new Plan("drillbook/v1", "Plan", plan.metadata(), plan.objectives(), plan.parties(), null, List.of(a, b), null);

    assertThrows(IllegalArgumentException.class, () -> PlanGraph.of(cyclic));
  }

  private static Plan load(String example) {
    try {
      return PlanLoader.load(ProjectFiles.root().resolve("examples/plans").resolve(example), new BuiltInCatalog()).requireValid();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
