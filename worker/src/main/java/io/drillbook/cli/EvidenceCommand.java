package io.drillbook.cli;

import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.bundle.BundleException;
import io.drillbook.evidence.bundle.BundleManifest;
import io.drillbook.evidence.bundle.BundleVerification;
import io.drillbook.evidence.bundle.BundleVerifier;
import io.drillbook.evidence.bundle.EvidenceBundle;
import io.drillbook.evidence.bundle.SigningKeys;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceTimeline;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = "Read and verify the hash-chained traceability log of a drill or a schedule.",
    subcommands = {EvidenceCommand.Show.class, EvidenceCommand.Verify.class, EvidenceCommand.Export.class,
        EvidenceCommand.PublicKey.class})
final class EvidenceCommand {

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print a drill's events as a timeline, with the RACI of each step; or a schedule's changes and fires.")
  static final class Show extends CliCommand {
    @Mixin JsonOption json;
    @Parameters(paramLabel = "DRILL_ID|SCHEDULE_ID") String drillId;

    @Override
    public Integer call() {
      try (DrillbookRuntime runtime = DrillbookRuntime.open(settings())) {
        List<EvidenceEvent> events = runtime.evidence().events(DrillIds.requireStream(drillId));
        if (events.isEmpty()) {
          throw new UserError("no evidence for " + drillId + " in " + runtime.evidenceDescription()
              + ": check the ID with `drillbook drill list` or `drillbook schedule list`, and DRILLBOOK_HOME /"
              + " DRILLBOOK_EVIDENCE_URL");
        }
        java.io.PrintWriter out = out();
        out.print(json.enabled ? EvidenceTimeline.renderJson(events) + "\n" : EvidenceTimeline.render(events));
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify a drill's evidence: a DRILL_ID (or a SCHEDULE_ID) against the evidence store (hash chain and tenant anchor),",
          "or a bundle .zip offline, with no database and no network (signature, manifest, file hashes, chain).",
          "Exit 0 when intact; 1 naming the first changed, removed or reordered event, or what else failed."})
  static final class Verify extends CliCommand {
    @Mixin JsonOption json;
    @Parameters(paramLabel = "DRILL_ID|BUNDLE.zip") String target;
    @Option(names = "--public-key", paramLabel = "FILE",
        description = "for a bundle: the signer's public key (PEM) the bundle must be signed with; without it any key is accepted and its id printed")
    Path publicKey;

    @Override
    public Integer call() {
      if (!DrillIds.isStream(target) && (target.endsWith(".zip") || Files.exists(Path.of(target)))) {
        return verifyBundle(Path.of(target));
      }
      if (publicKey != null) {
        throw new UserError("--public-key applies to a bundle .zip, not to a drill or schedule ID");
      }
      try (DrillbookRuntime runtime = DrillbookRuntime.open(settings())) {
        ChainVerification v = runtime.evidence().verify(DrillIds.requireStream(target));
        if (v.eventsChecked() == 0 && v.intact()) {
          throw new UserError("no evidence for " + target + " in " + runtime.evidenceDescription()
              + ": check the ID with `drillbook drill list` or `drillbook schedule list`");
        }
        if (json.enabled) {
          Json.print(out(), v);
        } else {
          out().println(v.summary());
        }
        out().flush();
        return v.intact() ? ExitCodes.OK : ExitCodes.USAGE;
      }
    }

    private int verifyBundle(Path zip) {
      if (!Files.isRegularFile(zip)) {
        throw new UserError("bundle " + zip + " does not exist");
      }
      Optional<java.security.PublicKey> expected = Optional.empty();
      try {
        if (publicKey != null) {
          expected = Optional.of(SigningKeys.readPublicKey(publicKey));
        }
        BundleVerification v = BundleVerifier.verify(zip, expected);
        if (json.enabled) {
          Json.print(out(), Map.of("bundle", zip.toString(), "valid", v.valid(), "problems", v.problems(),
              "keyId", String.valueOf(v.bundledKeyId()), "events", v.events()));
        } else {
          out().print(v.summary());
        }
        out().flush();
        return v.valid() ? ExitCodes.OK : ExitCodes.USAGE;
      } catch (BundleException e) {
        throw new UserError(e.getMessage());
      }
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Write a drill's signed evidence bundle: events.json (the hash chain), report.html and report.pdf",
          "(French by default), public-key.pem, manifest.json with every file's SHA-256, and its Ed25519 signature.",
          "An auditor verifies it offline with `drillbook evidence verify BUNDLE.zip --public-key KEY.pem`."})
  static final class Export extends CliCommand {
    @Parameters(paramLabel = "DRILL_ID") String drillId;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the zip to write (default: DRILL_ID.zip)") Path output;
    @Option(names = "--lang", defaultValue = "fr", description = "language of the report: fr or en (default: ${DEFAULT-VALUE})") String lang;

    @Override
    public Integer call() {
      if (!lang.equals("fr") && !lang.equals("en")) {
        throw new UserError("--lang must be fr or en, not '" + lang + "'");
      }
      Path zip = output == null ? Path.of(DrillIds.require(drillId) + ".zip") : output;
      try (DrillbookRuntime runtime = DrillbookRuntime.open(settings())) {
        SigningKeys keys = SigningKeys.fromEnvironment(env());
        BundleManifest manifest = EvidenceBundle.export(runtime.evidence(), DrillIds.require(drillId), zip,
            Locale.forLanguageTag(lang), keys);
        out().println("wrote " + zip + ": " + manifest.files().size() + " files, " + manifest.lastSeq()
            + " events, signed with key " + manifest.keyId());
        out().println("verify offline: drillbook evidence verify " + zip + " --public-key PUBLIC-KEY.pem"
            + "   (drillbook evidence public-key > PUBLIC-KEY.pem)");
        out().flush();
        return ExitCodes.OK;
      } catch (BundleException e) {
        throw new UserError(e.getMessage());
      }
    }
  }

  @Command(name = "public-key", mixinStandardHelpOptions = true,
      description = "Print the public key (PEM) that signs this installation's bundles, for auditors and clients to keep.")
  static final class PublicKey extends CliCommand {
    @Override
    public Integer call() {
      try {
        SigningKeys keys = SigningKeys.fromEnvironment(env());
        out().print(keys.publicKeyPem());
        err().println("key id " + keys.keyId());
        out().flush();
        return ExitCodes.OK;
      } catch (BundleException e) {
        throw new UserError(e.getMessage());
      }
    }
  }
}
