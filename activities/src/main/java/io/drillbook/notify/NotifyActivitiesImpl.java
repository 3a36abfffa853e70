package io.drillbook.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.drill.NotifyActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers {@code notify} steps and escalations. Without a webhook the message goes to the worker log
 * (channel {@code log}); with {@code DRILLBOOK_NOTIFY_WEBHOOK} set it is POSTed there as JSON and the
 * receiver's status is the delivery reference. A webhook that fails is retried by Temporal.
 */
public final class NotifyActivitiesImpl implements NotifyActivities {
  private static final Logger log = LoggerFactory.getLogger(NotifyActivitiesImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI webhook;
  private final HttpClient http;

  public NotifyActivitiesImpl(URI webhook) {
    this.webhook = webhook;
    this.http = webhook == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public static NotifyActivitiesImpl fromEnvironment(Map<String, String> env) {
    String url = env.get("DRILLBOOK_NOTIFY_WEBHOOK");
    return new NotifyActivitiesImpl(url == null || url.isBlank() ? null : URI.create(url));
  }

  @Override
  public NotifyReceipt notify(NotifyMessage m) {
    MDC.put("drillId", m.drillId());
    MDC.put("stepId", m.stepId());
    MDC.put("tenant", m.tenant());
    try {
      if (webhook == null) {
        log.info("notify to={} message={}", m.to(), m.message());
        return new NotifyReceipt("log", m.to(), "worker-log");
      }
      return post(m);
    } finally {
      MDC.clear();
    }
  }

  private NotifyReceipt post(NotifyMessage m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("drillId", m.drillId());
    body.put("tenant", m.tenant());
    body.put("stepId", m.stepId());
    body.put("to", m.to());
    body.put("message", m.message());
    try {
      HttpRequest req = HttpRequest.newBuilder(webhook)
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() / 100 != 2) {
        throw ApplicationFailure.newFailure("notification webhook answered HTTP " + resp.statusCode()
            + "; check DRILLBOOK_NOTIFY_WEBHOOK and the receiver", "NotifyFailed");
      }
      return new NotifyReceipt("webhook", m.to(), "HTTP " + resp.statusCode());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("notification webhook unreachable (" + e.getClass().getSimpleName()
          + "); check DRILLBOOK_NOTIFY_WEBHOOK", "NotifyFailed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("notification interrupted", "NotifyFailed");
    }
  }
}
