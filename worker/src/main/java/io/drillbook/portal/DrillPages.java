package io.drillbook.portal;

import io.drillbook.drill.Verdict;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.bundle.EvidenceBundle;
import io.drillbook.evidence.bundle.SigningKeys;
import io.drillbook.evidence.report.ReportLanguage;
import io.drillbook.evidence.report.ReportOutline;
import io.drillbook.plan.PlanType;
import io.drillbook.portal.view.ApprovalsView;
import io.drillbook.portal.view.Choice;
import io.drillbook.portal.view.DrillPageView;
import io.drillbook.portal.view.DrillRow;
import io.drillbook.portal.view.DrillsView;
import io.drillbook.portal.view.Frame;
import io.drillbook.portal.view.PortalText;
import io.drillbook.service.DrillAccess;
import io.drillbook.service.DrillView;
import io.drillbook.service.ServiceRefusal;
import io.drillbook.service.ServiceRefusal.Kind;
import io.drillbook.service.StepVerb;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The drills list, a drill's page, its bundle, the approvals inbox and decisions: all through {@link DrillAccess}. */
final class DrillPages {
  static final int PAGE_SIZE = 25;
  private static final int MAX_COMMENT = 1000;
  private static final Logger log = LoggerFactory.getLogger(DrillPages.class);

  private final DrillAccess access;
  private final EvidenceStore evidence;
  private final Inbox inbox;
  private final Templates templates;
  private final Map<String, String> env;

  DrillPages(DrillAccess access, EvidenceStore evidence, Inbox inbox, Templates templates, Map<String, String> env) {
    this.access = access;
    this.evidence = evidence;
    this.inbox = inbox;
    this.templates = templates;
    this.env = env;
  }

  void list(Context ctx, PortalRequest r) {
    ReportLanguage lang = r.lang();
    String plan = text(ctx, "plan");
    PlanType type = named(ctx, "type", PlanType.class);
    Verdict verdict = named(ctx, "verdict", Verdict.class);
    String since = text(ctx, "since");
    String until = text(ctx, "until");
    int page = page(ctx);
    DrillFilter filter = DrillFilter.all().withPlan(plan).withType(type).withVerdict(verdict)
        .startedBetween(day(since, "since"), day(until, "until")).page(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
    List<DrillSummary> found = access.list(r.who(), filter);
    List<DrillRow> rows = found.stream().limit(PAGE_SIZE).map(d -> new DrillRow(d.drillId(),
        d.planName() == null ? "—" : d.planName(),
        ReportOutline.planType(d.planType() == null ? null : d.planType().name(), lang), d.tenant(),
        ReportOutline.dateTime(d.startedAt(), lang), ReportOutline.verdict(name(d.verdict()), lang),
        d.verdict() == null ? "RUNNING" : d.verdict().name(), ReportOutline.duration(d.achievedRtoMillis(), lang)))
        .toList();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("plan", plan);
    query.put("type", name(type));
    query.put("verdict", name(verdict));
    query.put("since", since);
    query.put("until", until);
    int first = (page - 1) * PAGE_SIZE + 1;
    String range = rows.isEmpty() ? "" : r.frame().t(PortalText.SHOWING, first, first + rows.size() - 1);
    List<Choice> types = Arrays.stream(PlanType.values())
        .map(t -> new Choice(t.name(), ReportOutline.planType(t.name(), lang), t == type)).toList();
    List<Choice> verdicts = Arrays.stream(Verdict.values())
        .map(v -> new Choice(v.name(), ReportOutline.verdict(v.name(), lang), v == verdict)).toList();
    templates.render(ctx, "drills.jte", new DrillsView(r.frame().titled(r.frame().t(PortalText.DRILLS_TITLE)), rows,
        plan == null ? "" : plan, types, verdicts, since == null ? "" : since, until == null ? "" : until, range,
        page > 1 ? pageUrl(query, page - 1) : null, found.size() > PAGE_SIZE ? pageUrl(query, page + 1) : null));
  }

  void drill(Context ctx, PortalRequest r) {
    String id = ctx.pathParam("id");
    DrillView view = access.view(r.who(), id);
    Frame frame = r.frame().titled(id);
    ReportOutline outline = null;
    boolean intact = true;
    String integrity = "";
    if (view.summary() != null) {
      outline = ReportOutline.of(access.events(r.who(), id), r.lang());
      ChainVerification v = access.verification(r.who(), id);
      intact = v.intact();
      integrity = intact
          ? frame.t(PortalText.INTACT, v.eventsChecked()) + " " + frame.t(v.anchored() ? PortalText.ANCHORED
              : PortalText.NOT_ANCHORED)
          : frame.t(PortalText.BROKEN, v.firstBreak());
      frame = frame.titled(outline.planName() == null ? id : outline.planName());
    }
    String decided = ctx.queryParam("decided");
    String notice = decided == null ? null : frame.t(PortalText.DECIDED, verbText(ctx.queryParam("verb"), frame),
        decided);
    templates.render(ctx, "drill.jte", new DrillPageView(frame, id, outline, intact, integrity,
        inbox.waitingIn(r.who(), view, r.lang()), notice));
  }

  /** The drill's signed bundle, made for this download, with the report in the page's language. */
  void bundle(Context ctx, PortalRequest r) throws IOException {
    String id = ctx.pathParam("id");
    if (access.view(r.who(), id).summary() == null) {
      throw new ServiceRefusal(Kind.CONFLICT, "drill " + id + " has no recorded evidence yet",
          "wait a moment and download again");
    }
    Path dir = Files.createTempDirectory("drillbook-portal-bundle-");
    try {
      Path zip = dir.resolve("bundle.zip");
      EvidenceBundle.export(evidence, id, zip, r.lang().locale(), SigningKeys.fromEnvironment(env));
      byte[] bytes = Files.readAllBytes(zip);
      log.info("portal bundle of drill {} downloaded by {} ({})", id, r.who().name(), r.who().credential());
      ctx.header("Content-Disposition", "attachment; filename=\"drillbook-evidence-" + id + ".zip\"")
          .contentType("application/zip").result(bytes);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  void approvals(Context ctx, PortalRequest r) {
    templates.render(ctx, "approvals.jte", new ApprovalsView(r.frame().titled(r.frame().t(PortalText.NAV_APPROVALS)),
        inbox.waiting(r.who(), r.lang())));
  }

  /** Approves, denies or completes a step as the user: the API's own call, recorded with the user as actor. */
  void decide(Context ctx, PortalRequest r) {
    String id = ctx.pathParam("id");
    String step = ctx.pathParam("step");
    String word = ctx.formParam("verb");
    StepVerb verb = Arrays.stream(StepVerb.values()).filter(v -> v.word().equals(word)).findFirst().orElseThrow(() ->
        new ServiceRefusal(Kind.INVALID, "the form asks to '" + word + "' a step", "use the page's buttons: approve, "
            + "deny or complete"));
    String comment = ctx.formParam("comment");
    comment = comment == null || comment.isBlank() ? null : comment.strip();
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new ServiceRefusal(Kind.INVALID, "the comment is " + comment.length() + " characters long",
          "keep it under " + MAX_COMMENT + " characters");
    }
    access.decide(r.who(), id, step, verb, comment);
    log.info("portal decision {} on drill {} step {} by {} ({})", verb.word(), id, step, r.who().name(),
        r.who().credential());
    ctx.redirect(Portal.BASE + "/drills/" + id + "?decided=" + encode(step) + "&verb=" + verb.word(),
        HttpStatus.SEE_OTHER);
  }

  private static String verbText(String verb, Frame frame) {
    return frame.t(switch (verb == null ? "" : verb) {
      case "deny" -> PortalText.DENY;
      case "complete" -> PortalText.COMPLETE;
      default -> PortalText.APPROVE;
    });
  }

  private static String pageUrl(Map<String, String> query, int page) {
    String filters = query.entrySet().stream().filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    return Portal.BASE + "/drills?" + (filters.isEmpty() ? "" : filters + "&") + "page=" + page;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String text(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static int page(Context ctx) {
    String text = text(ctx, "page");
    try {
      int page = text == null ? 1 : Integer.parseInt(text);
      if (page >= 1 && page <= 100_000) {
        return page;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ServiceRefusal(Kind.INVALID, "page '" + text + "' does not exist", "use the page links below the list");
  }

  private static Instant day(String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ServiceRefusal(Kind.INVALID, "'" + name + "' is " + text, "give a date as YYYY-MM-DD, e.g. 2026-11-03");
    }
  }

  private static <E extends Enum<E>> E named(Context ctx, String name, Class<E> type) {
    String text = text(ctx, name);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new ServiceRefusal(Kind.INVALID, "'" + name + "' is " + text, "choose one from the list: "
          + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
