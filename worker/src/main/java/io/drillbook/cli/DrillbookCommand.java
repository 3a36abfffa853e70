package io.drillbook.cli;

import picocli.CommandLine.Command;

@Command(
    name = "drillbook",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs disaster-recovery drills and reversibility exports from YAML plans as Temporal workflows,",
      "with a RACI owner on every step and a hash-chained evidence log."
    },
    subcommands = {
      PlanCommand.class,
      DrillCommand.class,
      ScheduleCommand.class,
      EvidenceCommand.class,
      DevCommand.class,
      WorkerCommand.class,
      TokenCommand.class,
      DemoCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success (a drill PASSED or PASSED_WITH_OBSERVATIONS)",
      "  1  usage error, invalid plan, rejected request, evidence that does not verify",
      "  2  the drill FAILED",
      "  3  the drill was ABORTED",
      "  4  a needed service (Temporal, evidence database, PostgreSQL) cannot be reached",
      " 70  internal error (a bug; details in $DRILLBOOK_HOME/logs/drillbook.log)",
      "",
      "Environment: DRILLBOOK_HOME (default ~/.drillbook), DRILLBOOK_EVIDENCE_URL (default H2 file in the home),",
      "TEMPORAL_ADDRESS (unset: embedded Temporal), TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*."
    })
public final class DrillbookCommand {}
