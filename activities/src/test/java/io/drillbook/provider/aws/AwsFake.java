package io.drillbook.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A fake of AWS's Query/XML services (RDS, EC2, STS speak it: a form-encoded POST to "/" with
 * {@code Action=...&Version=...}, an XML answer in the service's namespace), on WireMock. Stubs are written
 * from the AWS API reference; real SDK clients talk to it through {@link #clients}. Helpers cover what the
 * drivers must survive: state sequences (creating → available) as WireMock scenarios, throttling,
 * AccessDenied and quota errors.
 */
public final class AwsFake implements AutoCloseable {

  public static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
  public static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  public static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

  public final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

  public AwsFake() {
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * Real SDK clients pointed at this fake, with test credentials, 10 ms polls and a recorder of the
   * operations sent (the least-privilege test reads it).
   */
  AwsClients clients(OperationRecorder recorder) {
    return new AwsClients(Map.of(AwsClients.ENDPOINT_URL, url(), AwsClients.POLL_INTERVAL, "10ms", AwsClients.POLL_MAX, "50ms"),
        () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTWORKER", "test-secret")), List.of(recorder));
  }

  /** Requests of one Query action, e.g. {@code action("CreateDBSnapshot")}; params are form fields. */
  public static MappingBuilder action(String name) {
    return post(urlPathEqualTo("/")).withRequestBody(matching("(.*&)?Action=" + name + "(&.*)?"));
  }

  static RequestPatternBuilder sent(String name) {
    return postRequestedFor(urlPathEqualTo("/")).withRequestBody(matching("(.*&)?Action=" + name + "(&.*)?"));
  }

  /** A successful answer: {@code <NameResponse><NameResult>result</NameResult><ResponseMetadata/></NameResponse>}. */
  public static String answer(String ns, String action, String result) {
    return "<" + action + "Response xmlns=\"" + ns + "\">"
        + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
        + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>";
  }

  public void stub(String ns, String action, String result) {
    server.stubFor(action(action).willReturn(xml(200, answer(ns, action, result))));
  }

  /** One answer per call, in order; the last one repeats (e.g. creating, creating, available). */
  void sequence(String ns, String action, List<String> results) {
    String scenario = action + "-" + UUID.randomUUID();
    for (int i = 0; i < results.size(); i++) {
      String state = i == 0 ? Scenario.STARTED : scenario + "-" + i;
      var m = action(action).inScenario(scenario).whenScenarioStateIs(state).willReturn(xml(200, answer(ns, action, results.get(i))));
      server.stubFor(i + 1 < results.size() ? m.willSetStateTo(scenario + "-" + (i + 1)) : m);
    }
  }

  /**
   * One resource's life as its describe call shows it: not found (404 {@code notFoundCode}) until an action
   * creates it, then the states that action leads to, in order (the last repeats), and gone again after a
   * deleting action. A retried create is answered again without restarting the sequence.
   *
   * @param describe the describe action, e.g. DescribeDBInstances
   * @param idField the form field naming the resource in the describe call, e.g. DBInstanceIdentifier=drill-restore-x
   */
  public FakeResource resource(String ns, String describe, String idField, String notFoundCode) {
    return new FakeResource(ns, describe, idField, notFoundCode);
  }

  public final class FakeResource {
    private final String ns;
    private final String describe;
    private final String idField;
    private final String scenario = "resource-" + UUID.randomUUID();
    private final String notFound;

    private FakeResource(String ns, String describe, String idField, String notFoundCode) {
      this.ns = ns;
      this.describe = describe;
      this.idField = idField;
      this.notFound = queryError(ns, notFoundCode, "not found: " + idField);
      server.stubFor(describeCall().whenScenarioStateIs(Scenario.STARTED).willReturn(xml(404, notFound)));
    }

    private com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder describeCall() {
      return action(describe).withRequestBody(matching("(.*&)?" + idField + "(&.*)?")).inScenario(scenario);
    }

    /** It exists from the start, in these states. */
    public FakeResource exists(List<String> states) {
      var first = describeCall().whenScenarioStateIs(Scenario.STARTED).willReturn(xml(200, answer(ns, describe, states.getFirst())));
      server.stubFor(states.size() > 1 ? first.willSetStateTo("exists-1") : first);
      phase("exists", states, 1, false);
      return this;
    }

    /** {@code action} (whose body holds {@code field}) creates or changes it: answers {@code result}, then describe walks {@code states}. */
    public FakeResource after(String action, String field, String result, List<String> states) {
      server.stubFor(action(action).withRequestBody(matching("(.*&)?" + field + "(&.*)?")).inScenario(scenario)
          .willReturn(xml(200, answer(ns, action, result))).willSetStateTo(action + ":" + field + "-0"));
      phase(action + ":" + field, states, 0, false);
      return this;
    }

    /** From now on describe walks {@code states} (the last repeats), whatever the resource went through: a test moving it on. */
    public FakeResource now(List<String> states) {
      phase("now", states, 0, false);
      server.setScenarioState(scenario, "now-0");
      return this;
    }

    /** {@code action} answers {@code result}; describe walks {@code states}, then answers not found. */
    public FakeResource deletedBy(String action, String result, List<String> states) {
      server.stubFor(action(action).withRequestBody(matching("(.*&)?" + idField + "(&.*)?")).inScenario(scenario)
          .willReturn(xml(200, answer(ns, action, result))).willSetStateTo(states.isEmpty() ? "deleted-gone" : "deleted-0"));
      phase("deleted", states, 0, true);
      return this;
    }

    private void phase(String name, List<String> states, int from, boolean goneAtEnd) {
      for (int i = from; i < states.size(); i++) {
        var m = describeCall().whenScenarioStateIs(name + "-" + i).willReturn(xml(200, answer(ns, describe, states.get(i))));
        boolean last = i == states.size() - 1;
        server.stubFor(last && !goneAtEnd ? m : m.willSetStateTo(last ? name + "-gone" : name + "-" + (i + 1)));
      }
      if (goneAtEnd) {
        server.stubFor(describeCall().whenScenarioStateIs(name + "-gone").willReturn(xml(404, notFound)));
      }
    }
  }

  /**
   * A JSON-protocol operation (Secrets Manager, Backup's control plane use it): a POST whose
   * {@code X-Amz-Target} header names it, e.g. {@code secretsmanager.GetSecretValue}, answered with {@code json}.
   */
  public void stubJson(String target, String json) {
    server.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(json)));
  }

  public List<LoggedRequest> jsonRequests(String target) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
  }

  /** The Query protocol's error document ({@code ErrorResponse/Error/Code}); EC2 uses {@link #ec2Error}. */
  void error(String ns, String action, int status, String code, String message) {
    server.stubFor(action(action).willReturn(xml(status, queryError(ns, code, message))));
  }

  static String queryError(String ns, String code, String message) {
    return "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
        + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
  }

  /** EC2's error document: {@code Response/Errors/Error}. */
  static String ec2Error(String code, String message) {
    return "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>"
        + UUID.randomUUID() + "</RequestID></Response>";
  }

  /** The first {@code times} calls are throttled (400 Throttling), then {@code result} is answered. */
  void throttledThen(String ns, String action, int times, String result) {
    String scenario = "throttle-" + action + "-" + UUID.randomUUID();
    for (int i = 0; i < times; i++) {
      server.stubFor(action(action).inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "t" + i)
          .willReturn(xml(400, queryError(ns, "Throttling", "Rate exceeded"))).willSetStateTo("t" + (i + 1)));
    }
    server.stubFor(action(action).inScenario(scenario).whenScenarioStateIs("t" + times).willReturn(xml(200, answer(ns, action, result))));
  }

  /** What IAM answers when the caller lacks {@code iamAction}. */
  void accessDenied(String ns, String action, String iamAction, String resourceArn) {
    error(ns, action, 403, "AccessDenied", "User: arn:aws:sts::111122223333:assumed-role/drillbook/drillbook is not authorized to perform: "
        + iamAction + " on resource: " + resourceArn + " because no identity-based policy allows the " + iamAction + " action");
  }

  public int count(String action) {
    return server.countRequestsMatching(sent(action).build()).getCount();
  }

  public List<LoggedRequest> requests(String action) {
    return server.findAll(sent(action));
  }

  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
  }

  @Override
  public void close() {
    server.stop();
  }
}
