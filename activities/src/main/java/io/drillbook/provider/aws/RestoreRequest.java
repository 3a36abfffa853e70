package io.drillbook.provider.aws;

import java.util.List;
import java.util.Map;

/**
 * One scratch copy to create: from {@code snapshot}, or (snapshot null) from the source's latest restorable
 * time, into the network the plan names.
 */
record RestoreRequest(String target, String snapshot, DbState source, String instanceClass, String subnetGroup,
    List<String> securityGroups, Map<String, String> tags) {}
