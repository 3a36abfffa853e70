package io.drillbook.portal.view;

import java.util.List;

/**
 * The drills list and its filters.
 *
 * @param previousUrl null on the first page
 * @param nextUrl null on the last page
 */
public record DrillsView(Frame frame, List<DrillRow> drills, String plan, List<Choice> types, List<Choice> verdicts,
    String since, String until, String range, String previousUrl, String nextUrl) {}
