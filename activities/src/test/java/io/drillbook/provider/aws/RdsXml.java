package io.drillbook.provider.aws;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * RDS answers as the API reference documents them (elements of the 2014-10-31 API; lists wrap members named
 * after their type: {@code <DBInstances><DBInstance>}, {@code <TagList><Tag>}).
 */
public final class RdsXml {

  static final String ACCOUNT = "111122223333";
  static final String REGION = "eu-west-3";

  private RdsXml() {}

  public static String instances(String... instances) {
    return "<DBInstances>" + String.join("", instances) + "</DBInstances>";
  }

  public static String instance(String id, String status) {
    return instance(id, status, "postgres", "127.0.0.1", 5432, false, Map.of());
  }

  public static String instance(String id, String status, String engine, String host, int port, boolean multiAz, Map<String, String> tags) {
    return "<DBInstance><DBInstanceIdentifier>" + id + "</DBInstanceIdentifier><DBInstanceClass>db.t4g.medium</DBInstanceClass>"
        + "<Engine>" + engine + "</Engine><DBInstanceStatus>" + status + "</DBInstanceStatus>"
        + (host == null ? "" : "<Endpoint><Address>" + host + "</Address><Port>" + port + "</Port></Endpoint>")
        + "<MultiAZ>" + multiAz + "</MultiAZ><DBInstanceArn>arn:aws:rds:" + REGION + ":" + ACCOUNT + ":db:" + id + "</DBInstanceArn>"
        + "<DBSubnetGroup><DBSubnetGroupName>prod-subnets</DBSubnetGroupName></DBSubnetGroup>"
        + "<VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0prod</VpcSecurityGroupId><Status>active</Status>"
        + "</VpcSecurityGroupMembership></VpcSecurityGroups>" + tagList(tags) + "</DBInstance>";
  }

  /** An Aurora cluster's instance: its cluster named, no endpoint of its own needed here. */
  static String clusterInstance(String id, String cluster, Map<String, String> tags) {
    return instance(id, "available", "aurora-postgresql", null, 0, false, tags)
        .replace("</DBInstanceIdentifier>", "</DBInstanceIdentifier><DBClusterIdentifier>" + cluster + "</DBClusterIdentifier>");
  }

  public static String tagList(Map<String, String> tags) {
    return "<TagList>" + tags.entrySet().stream().map(e -> "<Tag><Key>" + e.getKey() + "</Key><Value>" + e.getValue() + "</Value></Tag>")
        .collect(Collectors.joining()) + "</TagList>";
  }


  public static String snapshot(String id, String instance, String status, Map<String, String> tags) {
    return snapshot(id, instance, status, tags, "2026-11-29T01:00:00Z", "manual");
  }

  public static String snapshot(String id, String instance, String status, Map<String, String> tags, String createdAt, String type) {
    return "<DBSnapshot><DBSnapshotIdentifier>" + id + "</DBSnapshotIdentifier><DBInstanceIdentifier>" + instance
        + "</DBInstanceIdentifier><SnapshotCreateTime>" + createdAt + "</SnapshotCreateTime><Engine>postgres</Engine>"
        + "<AllocatedStorage>20</AllocatedStorage><Status>" + status + "</Status><SnapshotType>" + type + "</SnapshotType>"
        + "<DBSnapshotArn>arn:aws:rds:" + REGION + ":" + ACCOUNT + ":snapshot:" + id + "</DBSnapshotArn>" + tagList(tags) + "</DBSnapshot>";
  }

  public static String snapshots(String... snapshots) {
    return "<DBSnapshots>" + String.join("", snapshots) + "</DBSnapshots>";
  }

  static String clusterSnapshot(String id, String cluster, String status, Map<String, String> tags) {
    return "<DBClusterSnapshot><DBClusterSnapshotIdentifier>" + id + "</DBClusterSnapshotIdentifier><DBClusterIdentifier>" + cluster
        + "</DBClusterIdentifier><SnapshotCreateTime>2026-11-29T01:00:00Z</SnapshotCreateTime><Engine>aurora-postgresql</Engine>"
        + "<AllocatedStorage>1</AllocatedStorage><Status>" + status + "</Status><SnapshotType>manual</SnapshotType>"
        + "<DBClusterSnapshotArn>arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster-snapshot:" + id + "</DBClusterSnapshotArn>"
        + tagList(tags) + "</DBClusterSnapshot>";
  }

  static String clusterSnapshots(String... snapshots) {
    return "<DBClusterSnapshots>" + String.join("", snapshots) + "</DBClusterSnapshots>";
  }

  /** @param members instance ids, the writer first */
  static String cluster(String id, String status, String host, int port, Map<String, String> tags, String... members) {
    StringBuilder m = new StringBuilder();
    for (int i = 0; i < members.length; i++) {
      m.append("<DBClusterMember><DBInstanceIdentifier>").append(members[i]).append("</DBInstanceIdentifier><IsClusterWriter>")
          .append(i == 0).append("</IsClusterWriter></DBClusterMember>");
    }
    return "<DBCluster><DBClusterIdentifier>" + id + "</DBClusterIdentifier><Status>" + status + "</Status><Engine>aurora-postgresql"
        + "</Engine><EngineVersion>15.4</EngineVersion>" + (host == null ? "" : "<Endpoint>" + host + "</Endpoint><Port>" + port + "</Port>")
        + "<MultiAZ>" + (members.length > 1) + "</MultiAZ><DBClusterArn>arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster:" + id
        + "</DBClusterArn><DBSubnetGroup>prod-subnets</DBSubnetGroup><VpcSecurityGroups><VpcSecurityGroupMembership>"
        + "<VpcSecurityGroupId>sg-0prod</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>"
        + "<DBClusterMembers>" + m + "</DBClusterMembers>" + tagList(tags) + "</DBCluster>";
  }

  static String clusters(String... clusters) {
    return "<DBClusters>" + String.join("", clusters) + "</DBClusters>";
  }

  static String exportTask(String id, String status) {
    return "<ExportTaskIdentifier>" + id + "</ExportTaskIdentifier><Status>" + status + "</Status><PercentProgress>"
        + ("COMPLETE".equals(status) ? 100 : 40) + "</PercentProgress><TotalExtractedDataInGB>1</TotalExtractedDataInGB>";
  }
}
