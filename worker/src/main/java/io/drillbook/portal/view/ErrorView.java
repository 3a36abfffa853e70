package io.drillbook.portal.view;

/** An error page: what happened and what to do, never a stack trace. */
public record ErrorView(Frame frame, int status, String heading, String detail, String fix) {}
