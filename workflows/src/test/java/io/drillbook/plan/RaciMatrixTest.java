package io.drillbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.provider.catalog.BuiltInCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaciMatrixTest {

  private static final String PLAN = """
      apiVersion: drillbook/v1
      kind: Plan
      metadata: { name: raci-demo, tenant: acme, type: PCA, healthData: false }
      objectives: { rto: 1h, rpo: 5m }
      parties:
        client: { name: "Clinique, Saint-Roch", members: [dsi] }
        msp: { name: Example MSP, members: [dba, manager] }
        cloud: {}
      steps:
        - id: announce
          action: notify
          with: { to: [client], message: starting }
          raci: { responsible: [dba, manager], accountable: manager, informed: [client, cloud] }
        - id: sign-off
          action: approval
          needs: [announce]
          raci: { responsible: msp, accountable: dsi, consulted: [dba] }
      cleanup:
        - id: tidy
          action: manual
          with: { instructions: "close the bridge" }
          raci: { responsible: dba, accountable: manager }
      """;

  private final RaciMatrix matrix = RaciMatrix.of(
      PlanLoader.load(PLAN, "raci-demo.yaml", new BuiltInCatalog()).requireValid());

  @Test
  void membersCountInTheirPartyColumnAndAreNamedInTheCell() {
    assertEquals(List.of("client", "msp", "cloud"), matrix.columns().stream().map(RaciMatrix.Column::party).toList());
    assertEquals(List.of("Informed", "Responsible (dba, manager); Accountable (manager)", "Informed"),
        matrix.rows().get(0).cells());
    assertEquals(List.of("Accountable (dsi)", "Responsible; Consulted (dba)", ""), matrix.rows().get(1).cells());
    assertTrue(matrix.rows().get(2).cleanup());
  }

  @Test
  void tableIsAlignedAndSpellsTheRolesOut() {
    assertEquals("""
        Step            Action    client (Clinique, Saint-Roch)  msp (Example MSP)                                  cloud
        --------------  --------  -----------------------------  -------------------------------------------------  --------
        announce        notify    Informed                       Responsible (dba, manager); Accountable (manager)  Informed
        sign-off        approval  Accountable (dsi)              Responsible; Consulted (dba)
        tidy (cleanup)  manual                                   Responsible (dba); Accountable (manager)

        """ + RaciMatrix.LEGEND + "\n", matrix.render(RaciFormat.TABLE));
  }

  @Test
  void markdownTableWithTheLegendUnderIt() {
    String md = matrix.render(RaciFormat.MARKDOWN);

    assertTrue(md.startsWith("""
        | Step | Action | client (Clinique, Saint-Roch) | msp (Example MSP) | cloud |
        | --- | --- | --- | --- | --- |
        | announce | notify | Informed | Responsible (dba, manager); Accountable (manager) | Informed |
        """), md);
    assertTrue(md.endsWith("\n" + RaciMatrix.LEGEND + "\n"));
  }

  @Test
  void csvIsRfc4180() {
    assertEquals("Step,Action,\"client (Clinique, Saint-Roch)\",msp (Example MSP),cloud\r\n"
            + "announce,notify,Informed,\"Responsible (dba, manager); Accountable (manager)\",Informed\r\n"
            + "sign-off,approval,Accountable (dsi),Responsible; Consulted (dba),\r\n"
            + "tidy (cleanup),manual,,Responsible (dba); Accountable (manager),\r\n",
        matrix.render(RaciFormat.CSV));
  }

  @Test
  void noSingleLetterHeaders() {
    String table = matrix.toTable();
    for (String letter : List.of(" R ", " A ", " C ", " I ")) {
      assertFalse(table.lines().findFirst().orElseThrow().contains(letter));
    }
  }
}
