package io.drillbook.provider.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects the AWS operations one test class sent and writes them to
 * {@code target/aws-operations/<TestClass>.txt} when the class ends. Every AWS driver test registers one and
 * hands {@link #recorder()} to its clients:
 *
 * <pre>{@code
 * @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();
 * ... fake.clients(OPS.recorder()) ...
 * }</pre>
 *
 * {@link LeastPrivilegePolicyTest} (run last in the module, see {@link PolicyTestLast}) reads every file.
 */
public final class AwsOperationLog implements AfterAllCallback {

  static final Path DIR = Path.of("target", "aws-operations");

  private final OperationRecorder recorder = new OperationRecorder();

  OperationRecorder recorder() {
    return recorder;
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    Files.createDirectories(DIR);
    Files.write(DIR.resolve(context.getRequiredTestClass().getSimpleName() + ".txt"), recorder.actions());
  }
}
