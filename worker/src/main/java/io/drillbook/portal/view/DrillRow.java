package io.drillbook.portal.view;

/** One drill in the list, worded in the page's language. */
public record DrillRow(String id, String plan, String type, String tenant, String started, String verdict,
    String verdictCode, String rto) {}
