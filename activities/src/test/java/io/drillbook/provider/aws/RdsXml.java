package io.drillbook.provider.aws;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RDS answers as the API reference documents them (elements of the 2014-10-31 API; lists wrap members named
 * after their type: {@code <DBInstances><DBInstance>}, {@code <TagList><Tag>}).
 */
final class RdsXml {

  static final String ACCOUNT = "111122223333";
  static final String REGION = "eu-west-3";

  private RdsXml() {}

  static String instances(String... instances) {
    return "<DBInstances>" + String.join("", instances) + "</DBInstances>";
  }

  static String instance(String id, String status) {
    return instance(id, status, "postgres", "127.0.0.1", 5432, false, Map.of());
  }

  static String instance(String id, String status, String engine, String host, int port, boolean multiAz, Map<String, String> tags) {
    return "<DBInstance><DBInstanceIdentifier>" + id + "</DBInstanceIdentifier><DBInstanceClass>db.t4g.medium</DBInstanceClass>"
        + "<Engine>" + engine + "</Engine><DBInstanceStatus>" + status + "</DBInstanceStatus>"
        + (host == null ? "" : "<Endpoint><Address>" + host + "</Address><Port>" + port + "</Port></Endpoint>")
        + "<MultiAZ>" + multiAz + "</MultiAZ><DBInstanceArn>arn:aws:rds:" + REGION + ":" + ACCOUNT + ":db:" + id + "</DBInstanceArn>"
        + "<DBSubnetGroup><DBSubnetGroupName>prod-subnets</DBSubnetGroupName></DBSubnetGroup>"
        + "<VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0prod</VpcSecurityGroupId><Status>active</Status>"
        + "</VpcSecurityGroupMembership></VpcSecurityGroups>" + tagList(tags) + "</DBInstance>";
  }

  static String tagList(Map<String, String> tags) {
    return "<TagList>" + tags.entrySet().stream().map(e -> "<Tag><Key>" + e.getKey() + "</Key><Value>" + e.getValue() + "</Value></Tag>")
        .collect(Collectors.joining()) + "</TagList>";
  }

  static String tags(String... keyValues) {
    return "<TagList>" + Arrays.stream(keyValues).collect(Collectors.joining()) + "</TagList>";
  }
}
