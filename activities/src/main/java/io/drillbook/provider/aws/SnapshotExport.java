package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.model.ExportTask;
import software.amazon.awssdk.services.rds.model.ExportTaskNotFoundException;

/**
 * {@code export} of the {@code from} step's snapshot to S3 in Apache Parquet (StartExportTask), for
 * reversibility: the client's data readable without RDS. The task is named after drill and step, so a
 * resumed attempt waits for the task already running.
 */
final class SnapshotExport {

  static final Duration TIMEOUT = Duration.ofHours(12);
  /** ExportTaskIdentifier is limited to 60 characters. */
  private static final int MAX_ID = 60;

  private final RdsAction a;
  private final RdsSession s;

  SnapshotExport(RdsAction a) {
    this.a = a;
    this.s = a.session();
  }

  ActionResult export() throws InterruptedException {
    long start = System.currentTimeMillis();
    Object sourceArn = a.ctx().from().get("snapshotArn");
    if (sourceArn == null) {
      throw new ActionFailure("step " + a.stepId() + ": export needs `from:` to name a snapshot step of this resource (step "
          + a.ctx().request().fromStepId() + " recorded no snapshotArn)");
    }
    URI destination = URI.create(a.ctx().param("destination").orElseThrow());
    String bucket = destination.getHost();
    String prefix = destination.getPath() == null ? "" : destination.getPath().replaceFirst("^/", "").replaceFirst("/$", "");
    String id = AwsNames.identifier(a.ctx(), "drill-export", MAX_ID);
    if (describe(id).isEmpty()) {
      s.call("rds:StartExportTask", "snapshot " + sourceArn, () -> s.rds().startExportTask(r -> r.exportTaskIdentifier(id)
          .sourceArn(sourceArn.toString()).s3BucketName(bucket).s3Prefix(prefix.isEmpty() ? null : prefix)
          .iamRoleArn(a.ctx().param("iamRoleArn").orElseThrow()).kmsKeyId(a.ctx().param("kmsKeyId").orElseThrow())));
      a.log().info("export task {} started to s3://{}/{}", id, bucket, prefix);
    }
    ExportTask done = a.poll().until("export task " + id, () -> describe(id), ExportTask::status, Set.of("COMPLETE"),
        Set.of("FAILED", "CANCELED", "CANCELING"), TIMEOUT).orElseThrow();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("exportTaskIdentifier", id);
    out.put("format", "parquet");
    out.put("exportLocation", "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + id + "/");
    out.put("sourceArn", sourceArn);
    if (done.totalExtractedDataInGB() != null) {
      out.put("totalExtractedDataInGB", done.totalExtractedDataInGB());
    }
    out.put("durationMillis", System.currentTimeMillis() - start);
    return ActionResult.of(out);
  }

  private Optional<ExportTask> describe(String id) {
    return s.find("rds:DescribeExportTasks", "export task " + id, ExportTaskNotFoundException.class,
        () -> s.rds().describeExportTasks(r -> r.exportTaskIdentifier(id)).exportTasks());
  }
}
