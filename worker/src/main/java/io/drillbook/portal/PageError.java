package io.drillbook.portal;

import io.drillbook.portal.view.PortalText;

/** A request the portal itself turns down, shown as an error page with its status. */
final class PageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final PortalText heading;
  private final String fix;

  PageError(int status, PortalText heading, String detail, String fix) {
    super(detail);
    this.status = status;
    this.heading = heading;
    this.fix = fix;
  }

  int status() {
    return status;
  }

  PortalText heading() {
    return heading;
  }

  String detail() {
    return getMessage();
  }

  String fix() {
    return fix;
  }
}
