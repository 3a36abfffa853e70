package io.drillbook.evidence.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * What checking a bundle found.
 *
 * @param manifest the bundle's manifest, null when it is missing or unreadable
 * @param bundledKeyId the id of the key in {@code public-key.pem}, null when it is missing or unreadable
 * @param expectedKeyId the id of the key the bundle had to be signed with ({@code --public-key}), or null
 * @param events events of {@code events.json} that passed the chain checks
 * @param problems what failed, each naming the file and the check, e.g. {@code report.pdf: SHA-256 mismatch};
 *     empty when the bundle verifies
 */
public record BundleVerification(
    Path zip, BundleManifest manifest, String bundledKeyId, String expectedKeyId, long events, List<String> problems) {

  public BundleVerification {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** Lines for the CLI: the verdict, what the bundle is, then each problem. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(zip.getFileName()).append(valid() ? ": VALID" : ": INVALID").append('\n');
    if (manifest != null) {
      out.append("  drill ").append(manifest.drillId()).append(", tenant ").append(manifest.tenant())
          .append(", created ").append(manifest.createdAt()).append('\n');
      out.append("  chain head: seq ").append(manifest.lastSeq()).append(", hash ").append(manifest.lastHash())
          .append(manifest.anchor() == null
              ? " (drill not anchored: it was still running)"
              : " (anchor " + manifest.anchor().anchorSeq() + " of the tenant chain, hash " + manifest.anchor().hash()
                  + ")")
          .append('\n');
      out.append("  events checked: ").append(events).append('\n');
    }
    if (bundledKeyId != null) {
      out.append("  signed with key ").append(bundledKeyId).append(expectedKeyId != null
          ? (expectedKeyId.equals(bundledKeyId) ? " (the expected key)" : "")
          : " (no --public-key given: compare this key id with the one your provider published)").append('\n');
    }
    for (String problem : problems) {
      out.append("  FAILED ").append(problem).append('\n');
    }
    return out.toString();
  }
}
