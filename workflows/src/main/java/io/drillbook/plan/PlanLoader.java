package io.drillbook.plan;

import io.drillbook.provider.ProviderCatalog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Reads, parses and validates a plan file in one call: what `drillbook plan validate` and the API run. */
public final class PlanLoader {

  private PlanLoader() {}

  /**
   * Loads a plan file. Errors are reported under {@code file} as given (relative stays relative, as in a
   * compiler's output).
   *
   * @throws IOException when the file cannot be read at all
   */
  public static LoadedPlan load(Path file, ProviderCatalog catalog) throws IOException {
    return load(Files.readAllBytes(file), file.toString(), catalog);
  }

  /** Loads a plan received as text (an upload, an API body), reported under {@code fileName}. */
  public static LoadedPlan load(String yaml, String fileName, ProviderCatalog catalog) {
    return load(yaml.getBytes(StandardCharsets.UTF_8), fileName, catalog);
  }

  private static LoadedPlan load(byte[] bytes, String file, ProviderCatalog catalog) {
    String sha256 = sha256(bytes);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      PlanError notUtf8 = new PlanError(file, 1, 1, "the file is not UTF-8 text: save it as UTF-8", ValidationRule.SCHEMA.id());
      return new LoadedPlan(null, sha256, file, List.of(notUtf8), List.of());
    }
    ParsedPlan parsed = PlanParser.parse(text, file);
    Findings findings = new PlanValidator(catalog).check(parsed);
    List<PlanError> errors = findings.errors();
    return new LoadedPlan(errors.isEmpty() ? parsed.plan() : null, sha256, file, errors, findings.warnings());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
