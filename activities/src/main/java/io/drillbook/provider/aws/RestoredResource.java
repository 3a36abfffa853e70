package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * What an AWS Backup restore job created for a drill. AWS Backup cannot tag it when restoring, so drillbook
 * tags it right after (the IAM policy allows only drillbook's own tag keys there), and deletes it only when
 * the tag says this drill. EBS volumes only in this build; other types are left to the operator, said so.
 */
final class RestoredResource {

  private RestoredResource() {}

  /** Tags the restored resource for this drill; false when this build cannot (not an EBS volume). */
  static boolean tag(ActionContext c, AwsClients aws, String arn) {
    Optional<String> volumeId = volumeId(arn);
    volumeId.ifPresent(id -> Ec2Session.of(c, aws).tag(id, DrillTags.forStep(c, EbsVolumeDriver.keepFor(c))));
    return volumeId.isPresent();
  }

  /** Deletes the restored volume after checking it carries this drill's tag; returns what was removed. */
  static List<String> delete(ActionContext c, AwsClients aws, String arn) throws InterruptedException {
    String id = volumeId(arn).orElseThrow(() -> new ActionFailure("step " + c.stepId() + ": deleting " + arn + " is not supported in "
        + "this build (only EBS volumes restored by AWS Backup are); delete it in the console of its service"));
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
}
