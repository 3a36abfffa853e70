package io.drillbook.portal.view;

import io.drillbook.evidence.report.ReportLanguage;

/**
 * The portal's own words, French and English side by side. Whatever the drill report also says (verdicts, plan
 * types, RACI roles, objectives, step outcomes) comes from the report's text through
 * {@link io.drillbook.evidence.report.ReportOutline}, not from here.
 */
public enum PortalText {
  PORTAL("Portail client drillbook", "drillbook client portal"),
  SIGN_IN_TITLE("Connexion", "Sign in"),
  SIGN_IN_INTRO("Consultez les exercices de reprise de votre organisation, leurs preuves et les décisions qui vous "
      + "attendent.", "See your organisation's recovery drills, their evidence and the decisions waiting for you."),
  TOKEN("Jeton d'accès", "Access token"),
  TOKEN_HINT("Le jeton que votre prestataire vous a remis (dbk_…, créé avec « drillbook token create »).",
      "The token your MSP gave you (dbk_…, made with \"drillbook token create\")."),
  SIGN_IN("Se connecter", "Sign in"),
  SIGN_IN_OIDC("Se connecter avec le fournisseur d'identité", "Sign in with the identity provider"),
  OR("ou", "or"),
  OIDC_OFF("La connexion par fournisseur d'identité (OIDC) n'est pas configurée sur ce serveur : utilisez un jeton.",
      "Sign-in with an identity provider (OIDC) is not configured on this server: use a token."),
  SIGN_OUT("Se déconnecter", "Sign out"),
  SIGNED_OUT("Vous êtes déconnecté.", "You are signed out."),
  SIGNED_IN_AS("%s · %s", "%s · %s"),
  ALL_TENANTS("tous les clients", "every client"),
  NAV_DRILLS("Exercices", "Drills"),
  NAV_APPROVALS("Décisions en attente", "Waiting for you"),
  OTHER_LANGUAGE("English", "Français"),
  DRILLS_TITLE("Exercices de reprise", "Recovery drills"),
  FILTER("Filtrer", "Filter"),
  ANY("tous", "any"),
  PLAN("Plan", "Plan"),
  SINCE("Depuis le (AAAA-MM-JJ)", "Since (YYYY-MM-DD)"),
  UNTIL("Avant le (AAAA-MM-JJ)", "Before (YYYY-MM-DD)"),
  NO_DRILLS("Aucun exercice ne correspond à ces critères.", "No drill matches these criteria."),
  PREVIOUS("← Plus récents", "← Newer"),
  NEXT("Plus anciens →", "Older →"),
  SHOWING("Exercices %s à %s", "Drills %s to %s"),
  RTO_ACHIEVED("RTO atteint", "RTO achieved"),
  DOWNLOAD_BUNDLE("Télécharger le paquet de preuves signé (.zip)", "Download the signed evidence bundle (.zip)"),
  BUNDLE_NOTE("Rapport PDF et HTML, événements et manifeste signés (Ed25519) ; il se vérifie hors ligne avec "
      + "« drillbook evidence verify paquet.zip ».", "PDF and HTML report, events and signed (Ed25519) manifest; "
      + "it verifies offline with \"drillbook evidence verify bundle.zip\"."),
  INTEGRITY("Intégrité du journal de preuves", "Evidence log integrity"),
  INTACT("Chaîne de hachage intacte : %s événements vérifiés.", "Hash chain intact: %s events verified."),
  ANCHORED("Ancré dans la chaîne du client.", "Anchored in the client's chain."),
  NOT_ANCHORED("Pas encore ancré (l'exercice n'est pas terminé).", "Not anchored yet (the drill has not ended)."),
  BROKEN("Chaîne rompue : %s. Prévenez votre prestataire.", "Chain broken: %s. Tell your MSP."),
  IN_PROGRESS("L'exercice est en cours : cette page montre ce qui s'est passé jusqu'ici. Rechargez-la pour la suite.",
      "The drill is running: this page shows what has happened so far. Reload it for what comes next."),
  NOT_RECORDED("L'exercice vient de démarrer : ses preuves ne sont pas encore enregistrées. Rechargez la page.",
      "The drill has just started: its evidence is not recorded yet. Reload the page."),
  WAITING_TITLE("Décisions qui vous attendent", "Decisions waiting for you"),
  WAITING_NOTE("Étapes en attente d'une décision que vous pouvez prendre : le RACI de l'étape vous nomme "
      + "(Approbateur pour une approbation, Responsable pour une action manuelle). Votre décision est enregistrée "
      + "dans les preuves de l'exercice, à votre nom.", "Steps waiting for a decision you may take: the step's "
      + "RACI names you (Accountable for an approval, Responsible for a manual action). Your decision is recorded "
      + "in the drill's evidence, under your name."),
  NOTHING_WAITING("Aucune étape n'attend de décision de votre part.", "No step is waiting for a decision of yours."),
  WAITING_SINCE("en attente depuis %s", "waiting since %s"),
  APPROVE("Approuver", "Approve"),
  DENY("Refuser", "Deny"),
  COMPLETE("Confirmer que c'est fait", "Confirm it is done"),
  COMMENT_HINT("Commentaire (facultatif, enregistré dans les preuves)", "Comment (optional, recorded in the evidence)"),
  DECIDED("Décision enregistrée : %s, étape %s.", "Decision recorded: %s, step %s."),
  HOW_TO_FIX("Que faire", "What to do"),
  BACK("Retour aux exercices", "Back to the drills"),
  ERROR_NOT_FOUND("Introuvable", "Not found"),
  ERROR_FORBIDDEN("Action refusée", "Not allowed"),
  ERROR_CONFLICT("Impossible en l'état", "Not possible now"),
  ERROR_INVALID("Demande incorrecte", "Incorrect request"),
  ERROR_UNAVAILABLE("Service momentanément indisponible", "Service unavailable for now"),
  ERROR_INTERNAL("Erreur interne", "Internal error"),
  ERROR_SIGN_IN("Connexion refusée", "Sign-in refused"),
  ERROR_CSRF("Formulaire refusé", "Form refused"),
  CSRF_DETAIL("Ce formulaire ne porte pas le jeton de sécurité de votre session (il vient d'une autre page, "
      + "d'une session terminée ou d'un autre site).", "This form does not carry your session's security token (it "
      + "comes from another page, an ended session or another site)."),
  CSRF_FIX("Rechargez la page, puis renvoyez le formulaire.", "Reload the page, then send the form again."),
  SESSION_ENDED("Votre session est terminée (inactivité, déconnexion ou jeton révoqué).",
      "Your session has ended (inactivity, sign-out or a revoked token)."),
  SIGN_IN_AGAIN("Reconnectez-vous.", "Sign in again."),
  NO_PAGE("Aucune page du portail n'a cette adresse.", "No portal page has this address."),
  NO_PAGE_FIX("Partez de la liste des exercices.", "Start from the list of drills.");

  private final String fr;
  private final String en;

  PortalText(String fr, String en) {
    this.fr = fr;
    this.en = en;
  }

  public String in(ReportLanguage lang) {
    return lang == ReportLanguage.FR ? fr : en;
  }

  public String in(ReportLanguage lang, Object... args) {
    return String.format(in(lang), args);
  }
}
