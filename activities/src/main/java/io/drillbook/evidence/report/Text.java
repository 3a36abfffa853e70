package io.drillbook.evidence.report;

import io.drillbook.evidence.report.DrillFacts.DecisionKind;
import io.drillbook.evidence.report.DrillFacts.FailureKind;
import io.drillbook.evidence.report.DrillFacts.Outcome;

/**
 * Every sentence and label of the report, in French and English side by side so neither language falls behind.
 * {@code %s} placeholders take values already escaped. RACI roles are always spelled out: the letters alone
 * mislead, since French documents often swap R and A.
 */
enum Text {
  DOCUMENT_KIND("Rapport d'exercice", "Drill report"),
  TITLE("Rapport d'exercice de reprise après sinistre", "Disaster-recovery drill report"),
  CLIENT("Client", "Client"),
  DRILL("Exercice", "Drill"),
  DATE("Date", "Date"),
  VERDICT("Verdict", "Verdict"),
  GENERATED("Rapport établi le %s à partir du journal de preuves de l'exercice.",
      "Report produced on %s from the drill's evidence log."),

  SUMMARY("Synthèse", "Summary"),
  TOTAL_DURATION("Durée totale de l'exercice", "Total drill duration"),
  STEPS_DONE("Étapes réussies", "Steps succeeded"),
  STEPS_OF("%s sur %s", "%s of %s"),
  FAILURES_COUNT("Défaillances", "Failures"),
  APPROVALS_COUNT("Décisions humaines enregistrées", "Human decisions recorded"),
  RETEST_DUE("Nouvel exercice à réaliser avant le %s", "Retest due by %s"),
  NONE("aucune", "none"),
  IN_PROGRESS_NOTE("L'exercice était encore en cours quand ce rapport a été établi : il décrit ce qui s'était "
      + "passé jusqu'alors.", "The drill was still running when this report was produced: it describes what had "
      + "happened until then."),

  IDENTITY("Identification de l'exercice", "Drill identification"),
  DRILL_ID("Identifiant de l'exercice", "Drill ID"),
  PLAN_NAME("Plan exécuté", "Plan run"),
  PLAN_VERSION("Version du plan (SHA-256 du fichier)", "Plan version (SHA-256 of the file)"),
  PLAN_FILE("Fichier du plan", "Plan file"),
  DRILL_TYPE("Type d'exercice", "Drill type"),
  TENANT("Client (tenant)", "Client (tenant)"),
  TRIGGER("Déclenchement", "Trigger"),
  STARTED_BY("Lancé par", "Started by"),
  START("Début", "Start"),
  END("Fin", "End"),
  DURATION("Durée", "Duration"),

  OBJECTIVES("Objectifs de reprise (RTO / RPO)", "Recovery objectives (RTO / RPO)"),
  OBJECTIVE("Objectif", "Objective"),
  TARGET("Cible", "Target"),
  ACHIEVED("Atteint", "Achieved"),
  RESULT("Résultat", "Result"),
  MEASURED_BY("Méthode de mesure", "How it was measured"),
  RTO("RTO — durée maximale d'interruption", "RTO — maximum time to recover"),
  RPO("RPO — perte de données maximale", "RPO — maximum data loss"),
  MET("respecté", "met"),
  MISSED("dépassé", "exceeded"),
  NOT_MEASURED("non mesuré", "not measured"),
  NO_TARGET("pas d'objectif", "no objective"),
  SPAN_METHOD("du début de la première étape de reprise à la fin de la dernière vérification",
      "from the start of the first recovery step to the end of the last verification"),
  PROVIDER_METHOD("mesuré par le fournisseur (étape %s)", "measured by the provider (step %s)"),
  PROVIDER_METHOD_NAMED("mesuré par le fournisseur : %s (étape %s)", "measured by the provider: %s (step %s)"),
  OBJECTIVES_NOTE("Le RTO atteint est compté depuis le début de la première étape de reprise (restauration, bascule "
      + "ou import) ; le RPO atteint est l'âge des données restaurées, tel que le fournisseur l'a mesuré.",
      "The achieved RTO is counted from the start of the first recovery step (restore, failover or import); the "
      + "achieved RPO is the age of the restored data, as the provider measured it."),

  TIMELINE("Chronologie", "Timeline"),
  TIMELINE_AXIS("Temps écoulé depuis le début de l'exercice (%s)", "Time since the drill started (%s)"),
  LEGEND_OK("étape réussie", "step succeeded"),
  LEGEND_HUMAN("attente d'une décision humaine", "waiting for a person's decision"),
  LEGEND_FAILED("étape en échec", "step failed"),
  LEGEND_SKIPPED("étape ignorée ou annulée", "step skipped or cancelled"),
  LEGEND_RUNNING("en cours", "running"),
  LEGEND_RTO_TARGET("objectif RTO (%s après le début de %s)", "RTO objective (%s after %s started)"),
  LEGEND_RTO_ACHIEVED("RTO atteint (%s)", "RTO achieved (%s)"),
  LEGEND_NO_RTO("pas d'objectif RTO pour ce plan", "no RTO objective in this plan"),
  THE_DRILL("l'exercice", "the drill"),
  CLEANUP_MARK("nettoyage", "cleanup"),

  STEPS("Déroulé des étapes", "Steps"),
  STEP("Étape", "Step"),
  ACTION("Action", "Action"),
  RESOURCE("Ressource", "Resource"),
  PHASE_CLEANUP("Étapes de nettoyage (toujours exécutées, quel que soit le résultat)",
      "Cleanup steps (always run, whatever the outcome)"),

  RACI_TITLE("Participants et responsabilités (RACI)", "Participants and responsibilities (RACI)"),
  RACI_NOTE("Pour chaque étape : le Responsable réalise l'étape ; l'Approbateur en rend compte et la valide "
      + "(un seul par étape) ; les personnes Consultées donnent leur avis avant ; les personnes Informées sont "
      + "prévenues du résultat.",
      "For each step: the Responsible do it; the Accountable answers for it and signs it off (exactly one per "
      + "step); the Consulted give their opinion beforehand; the Informed are told the outcome."),
  RESPONSIBLE("Responsable (réalise)", "Responsible (does the work)"),
  ACCOUNTABLE("Approbateur (rend compte)", "Accountable (answers for it)"),
  CONSULTED("Consulté", "Consulted"),
  INFORMED("Informé", "Informed"),
  PARTICIPANTS("Participants", "Participants"),
  PARTICIPANT("Participant", "Participant"),
  OTHER_ROLES("Autres interventions", "Other involvement"),
  STARTED_DRILL("a lancé l'exercice", "started the drill"),
  DECIDED_ON("décision sur %s", "decision on %s"),
  ABORTED_DRILL("a interrompu l'exercice", "aborted the drill"),

  MEASUREMENTS("Mesures relevées par étape", "Measurements per step"),
  MEASUREMENTS_NOTE("Identifiants, volumes, sommes de contrôle et identifiants de requête fournis par chaque étape. "
      + "Les listes longues sont abrégées ici ; elles figurent en entier dans events.json.",
      "Identifiers, volumes, checksums and provider request IDs reported by each step. Long lists are shortened "
      + "here; events.json holds them in full."),
  NO_MEASUREMENTS("aucune mesure enregistrée", "no measurement recorded"),
  ERROR("Erreur", "Error"),
  REASON("Motif", "Reason"),
  MORE_ENTRIES("… et %s de plus (voir events.json)", "… and %s more (see events.json)"),
  MORE_STEPS("et %s autres étapes", "and %s more steps"),
  NOT_DETAILED("%s autres étapes, toutes réussies, ne sont pas détaillées ici (seules les %s premières le sont, "
      + "ainsi que toute étape qui n'a pas réussi) ; events.json les contient toutes.",
      "%s more steps, all successful, are not detailed here (only the first %s are, and every step that did not "
      + "succeed); events.json holds them all."),

  INTEGRITY("Contrôles d'intégrité", "Integrity checks"),
  INTEGRITY_NOTE("Contrôles effectués sur les données restaurées ou exportées.",
      "Checks run on the restored or exported data."),
  CHECK("Contrôle", "Check"),
  NO_INTEGRITY("Aucune étape de vérification n'a été exécutée : l'intégrité des données n'a pas été contrôlée.",
      "No verification step ran: the integrity of the data was not checked."),
  PASSED_CHECK("conforme", "passed"),
  FAILED_CHECK("non conforme", "failed"),
  EXPECTED("attendu", "expected"),
  ROW_COUNTS_CHECKED("Nombre de lignes par table : %s tables, %s lignes au total",
      "Row counts per table: %s tables, %s rows in all"),
  CHECKSUMS_CHECKED("Sommes de contrôle par table : %s tables", "Checksums per table: %s tables"),
  MANIFEST_CHECKED("Manifeste des fichiers : %s fichiers vérifiés, SHA-256 %s",
      "File manifest: %s files checked, SHA-256 %s"),

  APPROVALS("Approbations et validations", "Approvals and sign-off"),
  DECISION("Décision", "Decision"),
  BY("Par", "By"),
  WHEN("Quand", "When"),
  COMMENT("Commentaire", "Comment"),
  NO_APPROVALS("Ce plan ne comportait aucune étape d'approbation ni action manuelle.",
      "This plan had no approval or manual step."),

  OBSERVATIONS("Observations", "Observations"),
  NO_OBSERVATIONS("Aucune observation.", "No observations."),
  WITHHELD_NOTE("%s valeur(s) ressemblant à des données personnelles ont été masquées avant enregistrement : %s",
      "%s value(s) that looked like personal data were withheld before recording: %s"),

  FAILURES("Défaillances et actions correctives", "Failures and corrective actions"),
  FAILURE("Défaillance", "Failure"),
  CORRECTIVE_ACTION("Action corrective", "Corrective action"),
  OWNER("Responsable de l'action", "Owner"),
  DUE("Échéance", "Due"),
  NO_FAILURES("Aucune défaillance : aucune action corrective n'est requise.",
      "No failures: no corrective action is required."),
  FIX_AND_RETEST("Analyser la cause, corriger, puis refaire l'exercice (nouvel essai dû)",
      "Find the cause, fix it, then run the drill again (retest due)"),
  RESCHEDULE("Reprogrammer l'exercice jusqu'à son terme (nouvel essai dû)",
      "Reschedule the drill and run it to the end (retest due)"),
  RECLAIM("Vérifier et supprimer les ressources restantes, corriger le nettoyage (nouvel essai dû)",
      "Check and remove what was left behind, fix the cleanup (retest due)"),
  OWNER_UNKNOWN("à désigner", "to be named"),
  FAILURE_STEP("Étape %s en échec : %s", "Step %s failed: %s"),
  FAILURE_CLEANUP("Nettoyage %s en échec : %s", "Cleanup %s failed: %s"),
  FAILURE_OBJECTIVE("Objectif non tenu : %s", "Objective missed: %s"),
  FAILURE_ABORTED("Exercice interrompu : %s", "Drill aborted: %s"),

  EVIDENCE("Preuves et vérification", "Evidence and verification"),
  EVENTS("Événements enregistrés", "Events recorded"),
  CHAIN_HEAD("Dernier maillon de la chaîne (seq, SHA-256)", "Chain head (seq, SHA-256)"),
  RETENTION("Conservation", "Retention"),
  RETENTION_VALUE("au moins 3 ans, soit jusqu'au %s au minimum", "at least 3 years, that is until %s at least"),
  EVIDENCE_NOTE("Ce rapport est établi uniquement à partir des événements de l'exercice, chaînés par hachage "
      + "SHA-256 : chaque événement contient l'empreinte du précédent, si bien qu'aucun ne peut être modifié, "
      + "retiré ou inséré sans rompre la chaîne. Le paquet de preuves signé (Ed25519) qui accompagne ce rapport "
      + "se vérifie hors ligne avec « drillbook evidence verify paquet.zip --public-key cle.pem », ou avec "
      + "openssl et sha256sum comme l'explique la documentation.",
      "This report is produced from the drill's events alone, chained by SHA-256 hashes: each event holds the "
      + "hash of the one before, so none can be changed, removed or inserted without breaking the chain. The "
      + "signed (Ed25519) evidence bundle that comes with this report verifies offline with "
      + "\"drillbook evidence verify bundle.zip --public-key key.pem\", or with openssl and sha256sum as the "
      + "documentation shows."),

  YES("oui", "yes"),
  NO("non", "no");

  private final String fr;
  private final String en;

  Text(String fr, String en) {
    this.fr = fr;
    this.en = en;
  }

  String in(ReportLanguage lang) {
    return lang == ReportLanguage.FR ? fr : en;
  }

  /** The text with its {@code %s} filled with {@code args}, which the caller has escaped. */
  String in(ReportLanguage lang, Object... args) {
    return String.format(in(lang), args);
  }

  static String verdict(String verdict, ReportLanguage lang) {
    boolean fr = lang == ReportLanguage.FR;
    if (verdict == null) {
      return fr ? "EN COURS" : "IN PROGRESS";
    }
    return switch (verdict) {
      case "PASSED" -> fr ? "RÉUSSI" : "PASSED";
      case "PASSED_WITH_OBSERVATIONS" -> fr ? "RÉUSSI AVEC OBSERVATIONS" : "PASSED WITH OBSERVATIONS";
      case "FAILED" -> fr ? "ÉCHEC" : "FAILED";
      case "ABORTED" -> fr ? "INTERROMPU" : "ABORTED";
      default -> verdict;
    };
  }

  static String planType(String type, ReportLanguage lang) {
    boolean fr = lang == ReportLanguage.FR;
    if (type == null) {
      return "—";
    }
    return switch (type) {
      case "PCA" -> fr ? "PCA — plan de continuité d'activité" : "PCA — business continuity plan";
      case "PRA" -> fr ? "PRA — plan de reprise d'activité" : "PRA — disaster recovery plan";
      case "RESTORE_TEST" -> fr ? "Test de restauration" : "Restore test";
      case "FAILOVER_TEST" -> fr ? "Test de bascule" : "Failover test";
      case "MIGRATION" -> fr ? "Migration" : "Migration";
      case "REVERSIBILITY" -> fr ? "Réversibilité (restitution des données)" : "Reversibility (data hand-back)";
      default -> type;
    };
  }

  static String trigger(String trigger, ReportLanguage lang) {
    boolean fr = lang == ReportLanguage.FR;
    if (trigger == null) {
      return "—";
    }
    return switch (trigger) {
      case "MANUAL" -> fr ? "manuel" : "manual";
      case "SCHEDULE" -> fr ? "planifié (calendrier)" : "scheduled";
      case "API" -> fr ? "par l'API" : "through the API";
      default -> trigger;
    };
  }

  static String action(String action, ReportLanguage lang) {
    boolean fr = lang == ReportLanguage.FR;
    if (action == null) {
      return "—";
    }
    return switch (action) {
      case "snapshot" -> fr ? "instantané" : "snapshot";
      case "restore" -> fr ? "restauration" : "restore";
      case "verify" -> fr ? "vérification" : "verification";
      case "failover" -> fr ? "bascule" : "failover";
      case "failback" -> fr ? "retour sur le site principal" : "failback";
      case "export" -> fr ? "export" : "export";
      case "import" -> fr ? "import" : "import";
      case "delete" -> fr ? "suppression" : "deletion";
      case "approval" -> fr ? "approbation" : "approval";
      case "manual" -> fr ? "action manuelle" : "manual action";
      case "wait" -> fr ? "attente" : "wait";
      case "notify" -> fr ? "notification" : "notification";
      default -> action;
    };
  }

  static String outcome(Outcome outcome, ReportLanguage lang) {
    boolean fr = lang == ReportLanguage.FR;
    return switch (outcome) {
      case SUCCEEDED -> fr ? "réussie" : "succeeded";
      case FAILED -> fr ? "en échec" : "failed";
      case SKIPPED -> fr ? "ignorée" : "skipped";
      case CANCELLED -> fr ? "annulée" : "cancelled";
      case WAITING -> fr ? "en attente de décision" : "waiting for a decision";
      case RUNNING -> fr ? "en cours" : "running";
    };
  }

  static String decision(DecisionKind kind, ReportLanguage lang) {
    boolean fr = lang == ReportLanguage.FR;
    return switch (kind) {
      case REQUESTED -> fr ? "demandée" : "requested";
      case GRANTED -> fr ? "approuvée" : "approved";
      case DENIED -> fr ? "refusée" : "denied";
      case DONE -> fr ? "réalisée" : "done";
      case NOT_DONE -> fr ? "déclarée non réalisée" : "reported not done";
      case ESCALATED -> fr ? "escaladée (délai dépassé)" : "escalated (timed out)";
      case EXPIRED -> fr ? "expirée sans décision" : "expired without a decision";
    };
  }

  static String failure(FailureKind kind, ReportLanguage lang, String subject, String detail) {
    return switch (kind) {
      case STEP_FAILED -> FAILURE_STEP.in(lang, subject, detail);
      case CLEANUP_FAILED -> FAILURE_CLEANUP.in(lang, subject, detail);
      case OBJECTIVE_MISSED -> FAILURE_OBJECTIVE.in(lang, detail);
      case ABORTED -> FAILURE_ABORTED.in(lang, detail);
    };
  }

  static String correction(FailureKind kind, ReportLanguage lang) {
    return switch (kind) {
      case STEP_FAILED, OBJECTIVE_MISSED -> FIX_AND_RETEST.in(lang);
      case CLEANUP_FAILED -> RECLAIM.in(lang);
      case ABORTED -> RESCHEDULE.in(lang);
    };
  }
}
