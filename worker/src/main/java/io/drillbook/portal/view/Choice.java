package io.drillbook.portal.view;

/** One option of a filter's select box. */
public record Choice(String value, String label, boolean selected) {}
