package io.drillbook.portal.view;

import java.util.List;

public record ApprovalsView(Frame frame, List<WaitingStep> waiting) {}
