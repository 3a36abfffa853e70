package io.drillbook.evidence.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log, into the application's: by default it writes to the console through java.util.logging,
 * which the person running {@code drillbook evidence export} would read as noise. Its warnings are kept; its tens
 * of thousands of trace notices per report are dropped before they are even formatted.
 */
final class RendererLog implements XRLogger {

  private static final Logger log = LoggerFactory.getLogger("io.drillbook.evidence.report.pdf");

  @Override
  public void log(String where, Level level, String msg) {
    if (enabled(level)) {
      log.warn("PDF rendering ({}): {}", where, msg);
    }
  }

  @Override
  public void log(String where, Level level, String msg, Throwable th) {
    if (enabled(level)) {
      log.warn("PDF rendering ({}): {}", where, msg, th);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {
    // the level is the application's logging configuration, not the renderer's
  }

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return enabled(diagnostic.getLevel());
  }

  private static boolean enabled(Level level) {
    return level.intValue() >= Level.WARNING.intValue() && log.isWarnEnabled();
  }
}
