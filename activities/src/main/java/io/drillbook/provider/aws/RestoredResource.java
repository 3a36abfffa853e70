package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * What an AWS Backup restore job created for a drill. AWS Backup cannot tag it when restoring, so drillbook
 * tags it right after (the IAM policy allows only drillbook's own tag keys there), and deletes it only when
 * the tag says this drill; tagged, the sweeper also finds it once it expires. EBS volumes, RDS DB instances and
 * Aurora DB clusters in this build; other types are left to the operator, said so.
 */
final class RestoredResource {

  /** arn:aws:rds:REGION:ACCOUNT:db:ID or …:cluster:ID. */
  private static final Pattern RDS_ARN = Pattern.compile("^arn:aws[a-z-]*:rds:[^:]*:[^:]*:(db|cluster):(.+)$");

  private RestoredResource() {}

  /** Tags the restored resource for this drill; false when this build cannot (another resource type). */
  static boolean tag(ActionContext c, AwsClients aws, String arn) {
    Optional<String> volumeId = volumeId(arn);
    if (volumeId.isPresent()) {
      Ec2Session.of(c, aws).tag(volumeId.get(), DrillTags.forStep(c, EbsVolumeDriver.keepFor(c)));
      return true;
    }
    Matcher rds = rds(arn);
    if (rds == null) {
      return false;
    }
    RdsSession session = RdsSession.of(aws, c.stepId(), AwsAccess.of(c));
    session.call("rds:AddTagsToResource", noun(rds) + " " + rds.group(2), () -> session.rds().addTagsToResource(r -> r
        .resourceName(arn).tags(RdsSession.tags(DrillTags.forStep(c, EbsVolumeDriver.keepFor(c))))));
    return true;
  }

  /** Deletes the restored resource after checking it carries this drill's tag; returns what was removed. */
  static List<String> delete(ActionContext c, AwsClients aws, String arn) throws InterruptedException {
    Optional<String> volumeId = volumeId(arn);
    if (volumeId.isPresent()) {
      return deleteVolume(c, aws, volumeId.get());
    }
    Matcher rds = rds(arn);
    if (rds == null) {
      throw new ActionFailure("step " + c.stepId() + ": deleting " + arn + " is not supported in this build (only EBS volumes, "
          + "RDS DB instances and Aurora DB clusters restored by AWS Backup are); delete it in the console of its service");
    }
    String id = rds.group(2);
    Function<RdsSession, RdsFlavor> flavor = "db".equals(rds.group(1)) ? InstanceFlavor::new : ClusterFlavor::new;
    RdsAction a = RdsAction.prepare(c, aws, flavor, RestoredResource.class);
    boolean existed = DrillCopyDeletion.deleteOwned(c, a.poll(), a.flavor().noun() + " " + id, () -> a.flavor().describe(id),
        DbState::tags, DbState::status, a.flavor()::deleteCopy);
    return existed ? List.of(id) : List.of();
  }

  private static List<String> deleteVolume(ActionContext c, AwsClients aws, String id) throws InterruptedException {
    Ec2Session ec2 = Ec2Session.of(c, aws);
    Optional<Volume> volume = ec2.volume(id);
    if (volume.isEmpty()) {
      return List.of();
    }
    DrillTags.requireOwned(c, Ec2Session.tags(volume.get().tags()), "volume " + id, "delete");
    ec2.deleteAndWait(id, new StatusPoll(c, aws));
    return List.of(id);
  }

  private static Optional<String> volumeId(String arn) {
    int at = arn == null ? -1 : arn.indexOf(":volume/");
    return arn != null && arn.startsWith("arn:aws:ec2:") && at > 0 ? Optional.of(arn.substring(at + ":volume/".length())) : Optional.empty();
  }

  private static Matcher rds(String arn) {
    Matcher m = arn == null ? null : RDS_ARN.matcher(arn);
    return m != null && m.matches() ? m : null;
  }

  private static String noun(Matcher rds) {
    return "db".equals(rds.group(1)) ? "DB instance" : "DB cluster";
  }
}
