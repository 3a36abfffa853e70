package io.drillbook.runtime;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * The {@code drill=} field of every log line: the drill ID our activities put in the MDC, else the workflow
 * ID the Temporal SDK puts there for workflow code (a drill's workflow ID is its drill ID), else {@code -}.
 */
public final class DrillLogField extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    String drill = mdc.get("drillId");
    if (drill == null) {
      drill = mdc.get("WorkflowId");
    }
    return drill == null ? "-" : drill;
  }
}
