package io.drillbook.drill;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Delivers a {@code notify} step's message (or an escalation) to parties. Log delivery by default, webhook
 * when configured. Returns a delivery record (channel, recipients) for the evidence.
 */
@ActivityInterface
public interface NotifyActivities {

  NotifyReceipt notify(NotifyMessage message);

  record NotifyMessage(String tenant, String drillId, String stepId, List<String> to, String message) {}

  record NotifyReceipt(String channel, List<String> recipients, String reference) {}
}
