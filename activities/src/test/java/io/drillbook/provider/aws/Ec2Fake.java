package io.drillbook.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * EC2 on top of {@link AwsFake}: EC2 speaks the Query protocol but answers without a Result wrapper
 * ({@code <DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId/>…}) and lists
 * with {@code <item>} members ({@code volumeSet}, {@code snapshotSet}, {@code tagSet}), as the EC2 API
 * reference documents. Stubs may require form fields ({@code "SnapshotId.1=snap-1"}); later stubs win.
 */
final class Ec2Fake {

  final AwsFake fake;

  Ec2Fake(AwsFake fake) {
    this.fake = fake;
  }

  void stub(String action, String body, String... fields) {
    fake.server.stubFor(matching(action, fields).willReturn(AwsFake.xml(200, answer(action, body))));
  }

  /** One answer per call, the last one repeating (pending, pending, completed). */
  void sequence(String action, List<String> bodies, String... fields) {
    String scenario = action + "-" + UUID.randomUUID();
    for (int i = 0; i < bodies.size(); i++) {
      var m = matching(action, fields).inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : scenario + i)
          .willReturn(AwsFake.xml(200, answer(action, bodies.get(i))));
      fake.server.stubFor(i + 1 < bodies.size() ? m.willSetStateTo(scenario + (i + 1)) : m);
    }
  }

  void error(String action, int status, String code, String message, String... fields) {
    fake.server.stubFor(matching(action, fields).willReturn(AwsFake.xml(status, AwsFake.ec2Error(code, message))));
  }

  static String answer(String action, String body) {
    return "<" + action + "Response xmlns=\"" + AwsFake.EC2_NS + "\"><requestId>" + UUID.randomUUID() + "</requestId>" + body + "</"
        + action + "Response>";
  }

  static String volume(String id, String state, int sizeGiB, String zone, Map<String, String> tags) {
    return "<item><volumeId>" + id + "</volumeId><size>" + sizeGiB + "</size><availabilityZone>" + zone + "</availabilityZone>"
        + "<status>" + state + "</status><createTime>2026-11-28T10:00:00.000Z</createTime><volumeType>gp3</volumeType>"
        + "<encrypted>true</encrypted>" + tagSet(tags) + "</item>";
  }

  static String snapshot(String id, String volumeId, String state, int sizeGiB, String startTime, Map<String, String> tags) {
    return "<item><snapshotId>" + id + "</snapshotId><volumeId>" + volumeId + "</volumeId><status>" + state + "</status>"
        + "<startTime>" + startTime + "</startTime><progress>" + ("completed".equals(state) ? "100%" : "40%") + "</progress>"
        + "<ownerId>111122223333</ownerId><volumeSize>" + sizeGiB + "</volumeSize><encrypted>true</encrypted>" + tagSet(tags) + "</item>";
  }

  static String volumeSet(String... items) {
    return "<volumeSet>" + String.join("", items) + "</volumeSet>";
  }

  static String snapshotSet(String... items) {
    return "<snapshotSet>" + String.join("", items) + "</snapshotSet>";
  }

  static String tagSet(Map<String, String> tags) {
    return "<tagSet>" + tags.entrySet().stream().map(e -> "<item><key>" + e.getKey() + "</key><value>" + e.getValue() + "</value></item>")
        .collect(Collectors.joining()) + "</tagSet>";
  }

  /** A form field as the SDK encodes it, e.g. {@code field("Filter.1.Name", "tag:drillbook:drill-id")}. */
  static String field(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static MappingBuilder matching(String action, String... fields) {
    MappingBuilder m = AwsFake.action(action);
    for (String f : Arrays.asList(fields)) {
      m = m.withRequestBody(containing(f));
    }
    return m;
  }
}
