package io.drillbook.drill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Delivers nothing; records every message and returns a log-channel receipt. */
public final class RecordingNotifier implements NotifyActivities {

  private final List<NotifyMessage> messages = Collections.synchronizedList(new ArrayList<>());

  @Override
  public NotifyReceipt notify(NotifyMessage message) {
    messages.add(message);
    return new NotifyReceipt("log", message.to(), "ntf-" + messages.size());
  }

  public List<NotifyMessage> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }
}
