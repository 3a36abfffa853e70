package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Deletes;
import io.drillbook.provider.Exports;
import io.drillbook.provider.ResourceTypeSpec;
import io.drillbook.provider.Snapshots;
import io.drillbook.provider.Verifies;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;
import io.drillbook.provider.local.ParamValues;
import io.drillbook.provider.local.StepLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The {@code aws/s3-bucket} resource ({@code config.bucket}, optional {@code config.prefix}): snapshot = the
 * current version of every object, recorded in the step's output; export = those versions copied to
 * {@code s3://bucket/prefix} with a SHA-256 manifest (resumable, multipart above the part size); verify =
 * the export re-read against its manifest, or the snapshot's versions checked still there; delete = the
 * objects of an export, only when every one of them carries this drill's metadata, never the source.
 */
public final class S3BucketDriver implements Snapshots, Verifies, Exports, Deletes {

  /** Objects above this are copied in parts of this size (S3 copies at most 5 GiB in one request). */
  static final long DEFAULT_PART_SIZE = 256L * 1024 * 1024;

  private final AwsClients aws;
  private final long partSize;

  public S3BucketDriver(AwsClients aws) {
    this(aws, DEFAULT_PART_SIZE);
  }

  /** @param partSize at least 5 MiB, S3's smallest part */
  S3BucketDriver(AwsClients aws, long partSize) {
    this.aws = aws;
    this.partSize = partSize;
  }

  @Override
  public ResourceTypeSpec spec() {
    return AwsResourceTypes.S3_BUCKET;
  }

  @Override
  public ActionResult snapshot(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "snapshot", c -> {
      S3Objects s3 = S3Objects.of(c, aws);
      S3Location source = source(c);
      long listedAt = System.currentTimeMillis();
      String versioning = s3.versioning(source.bucket());
      ObjectVersions snapshot = ObjectVersions.latest(source, s3.versions(source).versions(), c.stepId());
      List<String> observations = new ArrayList<>();
      if (!"Enabled".equals(versioning)) {
        observations.add("versioning is " + (versioning == null ? "off" : versioning) + " on bucket " + source.bucket()
            + ": the snapshot names the current objects, and an export fails its check if one changes before it is copied");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("bucket", source.bucket());
      out.put("prefix", source.prefix());
      out.put("versioning", versioning == null ? "Off" : versioning);
      out.put("objectCount", snapshot.entries().size());
      out.put("sizeBytes", snapshot.totalBytes());
      out.put("consistentAtMillis", listedAt);
      out.put("objects", snapshot.toOutput());
      out.put("durationMillis", System.currentTimeMillis() - listedAt);
      StepLog.of(S3BucketDriver.class, c).info("{} object versions recorded in {}", snapshot.entries().size(), source.url());
      return new ActionResult(out, observations);
    });
  }

  @Override
  public ActionResult export(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "export", c -> {
      S3Objects s3 = S3Objects.of(c, aws);
      ObjectVersions snapshot = ObjectVersions.fromOutput(c.from(), c.stepId(), c.request().fromStepId());
      S3Location to = S3Location.parse(c.param("destination").orElse(null), c.stepId()).exportOf(c.drillId(), c.stepId());
      if (to.overlaps(snapshot.source())) {
        throw new ActionFailure("step " + c.stepId() + ": destination " + to.url() + " lies inside the exported " + snapshot.source().url()
            + "; export to another bucket, or to a prefix outside config.prefix");
      }
      long start = System.currentTimeMillis();
      S3VersionExport.Result result = new S3VersionExport(c, s3, partSize).run(snapshot, to);
      long millis = Math.max(1, System.currentTimeMillis() - start);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("path", to.url());
      out.put("manifestPath", to.url() + io.drillbook.provider.local.ExportManifest.FILE);
      out.put("manifestSha256", result.manifestSha256());
      out.put("files", result.manifest().files().size());
      out.put("totalBytes", snapshot.totalBytes());
      out.put("durationMillis", millis);
      out.put("throughputBytesPerSec", snapshot.totalBytes() * 1000 / millis);
      out.put("createdResources", List.of(to.url()));
      List<String> observations = result.resumed() == 0 ? List.of()
          : List.of("resumed: " + result.resumed() + " object(s) copied by an earlier attempt, with matching checksums, were kept");
      StepLog.of(S3BucketDriver.class, c).info("{} objects exported to {}", result.manifest().files().size(), to.url());
      return new ActionResult(out, observations);
    });
  }

  @Override
  public ActionResult verify(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "verify", c -> {
      S3Objects s3 = S3Objects.of(c, aws);
      Object exported = c.from().get("path");
      if (exported != null) {
        Object recorded = c.from().get("manifestSha256");
        return S3ManifestCheck.export(c, s3, S3Location.parse(exported.toString(), c.stepId()), recorded == null ? null : recorded.toString());
      }
      return S3ManifestCheck.snapshot(c, s3, ObjectVersions.fromOutput(c.from(), c.stepId(), c.request().fromStepId()));
    });
  }

  @Override
  public ActionResult delete(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "delete", c -> {
      S3Objects s3 = S3Objects.of(c, aws);
      String created = ParamValues.list(c.from().get("createdResources")).stream().map(Object::toString)
          .filter(u -> u.startsWith("s3://")).findFirst().orElseThrow(() -> new ActionFailure("step " + c.stepId() + ": step "
              + c.request().fromStepId() + " recorded no export location; delete needs `from:` naming the export step"));
      S3Location at = S3Location.parse(created, c.stepId());
      if (!at.prefix().contains(S3Location.EXPORTS) || at.overlaps(source(c))) {
        throw new ActionFailure("step " + c.stepId() + ": refusing to delete " + at.url() + ": it is not a drillbook export location "
            + "outside the resource's own objects; drillbook deletes only what an export step of the same drill wrote");
      }
      S3Objects.Listing listing = s3.versions(at);
      // Every object is checked before anything is removed: one without this drill's mark refuses the whole step.
      for (ObjectVersion v : listing.versions()) {
        String owner = s3.head(at.bucket(), v.key(), v.versionId()).map(h -> h.metadata().get(S3VersionExport.META_DRILL)).orElse(null);
        if (!c.drillId().equals(owner)) {
          throw new ActionFailure("step " + c.stepId() + ": refusing to delete " + at.url() + ": object " + v.key() + " "
              + (owner == null ? "was not written by drillbook" : "belongs to drill " + owner) + ". Nothing was deleted; remove that "
              + "object from the export location by hand if it is not needed");
        }
      }
      listing.versions().forEach(v -> s3.delete(at.bucket(), v.key(), v.versionId()));
      listing.deleteMarkers().forEach(m -> s3.delete(at.bucket(), m.key(), m.versionId()));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("deleted", at.url());
      out.put("objectVersionsDeleted", listing.versions().size());
      StepLog.of(S3BucketDriver.class, c).info("{} object versions deleted under {}", listing.versions().size(), at.url());
      return ActionResult.of(out);
    });
  }

  private static S3Location source(ActionContext c) {
    Object bucket = c.config().get("bucket");
    if (bucket == null || bucket.toString().isBlank()) {
      throw new ActionFailure("resource " + c.request().resourceName() + ": config.bucket is missing");
    }
    Object prefix = c.config().get("prefix");
    return new S3Location(bucket.toString(), S3Location.folder(prefix == null ? "" : prefix.toString()));
  }
}
