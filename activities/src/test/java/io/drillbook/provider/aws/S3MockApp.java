package io.drillbook.provider.aws;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe S3Mock (the executable Spring Boot app, copied to target/s3mock by the build) in its own JVM on
 * free ports, storing under a temporary directory: a real S3 REST/XML endpoint with versioning, multipart
 * uploads and server-side copies for the s3-bucket driver's tests. It needs a JDK 17 or newer; the tests
 * start it with the JVM that runs them.
 */
final class S3MockApp implements AutoCloseable {

  static final Path JAR = Path.of("target", "s3mock", "s3mock-exec.jar");

  private final Process process;
  private final int port;

  S3MockApp(Path root) throws IOException, InterruptedException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests through Maven (process-test-resources copies it)");
    }
    port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target", "s3mock", "s3mock-" + port + ".log");
    process = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
        "--com.adobe.testing.s3mock.httpPort=" + port, "--server.port=" + freePort(), "--com.adobe.testing.s3mock.store.root=" + root,
        "--spring.main.banner-mode=off"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitReady(log);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Startup takes tens of seconds on a busy machine: polled, not timed by the test. */
  private void awaitReady(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
      }
      try {
        http.send(HttpRequest.newBuilder(URI.create(url() + "/")).GET().build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(500);
      }
    }
    close();
    throw new IllegalStateException("S3Mock did not answer within 4 minutes; see " + log.toAbsolutePath());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
