package io.drillbook.bench;

import io.drillbook.api.ApiServer;
import io.drillbook.auth.Role;
import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.TokenStore;
import io.drillbook.drill.DrillId;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceEvents;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.service.DrillService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of {@code GET /api/v1/drills} with the evidence in PostgreSQL: fills a new database with N finished
 * drills (their {@code drill.started} and {@code drill.completed} events, appended through the evidence store
 * like a worker does) spread over 20 tenants, serves the API from it, then sends a fixed number of requests
 * from C concurrent clients (java.net.http on virtual threads), first with an MSP token (every tenant), then
 * with a client token (one tenant), and prints p50/p99/max latency and throughput. The database is dropped
 * at the end.
 *
 * <p>Usage: ApiLatencyBench [drills=10000] [requests=20000] [clients=50]. PostgreSQL on 127.0.0.1:5432 as
 * user postgres, or DRILLBOOK_TEST_PG_HOST, _PORT, _USER, _PASSWORD like the integration tests.
 */
public final class ApiLatencyBench {
  private static final int TENANTS = 20;
  private static final int WARM_UP = 1000;

  public static void main(String[] args) throws Exception {
    int drills = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Map<String, String> env = System.getenv();
    String server = "jdbc:postgresql://" + env.getOrDefault("DRILLBOOK_TEST_PG_HOST", "127.0.0.1") + ":"
        + env.getOrDefault("DRILLBOOK_TEST_PG_PORT", "5432") + "/";
    String user = env.getOrDefault("DRILLBOOK_TEST_PG_USER", "postgres");
    String password = env.get("DRILLBOOK_TEST_PG_PASSWORD");
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    String database = "drillbook_bench_" + HexFormat.of().formatHex(suffix);
    Path home = Files.createTempDirectory("drillbook-bench-");
    sql(server + "postgres", user, password, "CREATE DATABASE " + database);
    // A hook rather than finally: the database is dropped on Ctrl-C too.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        sql(server + "postgres", user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      } catch (SQLException e) {
        System.err.println("could not drop " + database + ": " + e.getMessage());
      }
    }));
    Map<String, String> benchEnv = new HashMap<>();
    benchEnv.put("DRILLBOOK_HOME", home.toString());
    benchEnv.put("DRILLBOOK_EVIDENCE_URL", server + database);
    benchEnv.put("DRILLBOOK_EVIDENCE_USER", user);
    if (password != null) {
      benchEnv.put("DRILLBOOK_EVIDENCE_PASSWORD", password);
    }
    run(benchEnv, drills, requests, clients);
    // The embedded Temporal server leaves non-daemon threads behind.
    System.exit(0);
  }

  private static void run(Map<String, String> env, int drills, int requests, int clients) throws Exception {
    try (DrillbookRuntime runtime = DrillbookRuntime.open(DrillbookSettings.fromEnvironment(env));
        TemporalConnection temporal = TemporalConnection.embedded(0);
        ApiServer api = ApiServer.start(runtime, new DrillService(temporal.client()), "127.0.0.1", 0);
        AuthDatabase auth = AuthDatabase.open(EvidenceConfig.fromEnvironment(env))) {
      TokenStore tokens = auth.tokens();
      long filled = System.nanoTime();
      fill(runtime.evidence(), drills);
      // As autovacuum would by now; development servers often run without it, and a never-analysed table gets
      // plans that are quadratic in the number of drills.
      sql(env.get("DRILLBOOK_EVIDENCE_URL"), env.get("DRILLBOOK_EVIDENCE_USER"), env.get("DRILLBOOK_EVIDENCE_PASSWORD"),
          "ANALYZE");
      System.out.printf("evidence: %d drills (%d events) in PostgreSQL, appended in %.1f s%n", drills, 2 * drills,
          (System.nanoTime() - filled) / 1e9);
      String url = api.address() + "/drills";
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
      String msp = tokens.create("bench", Role.MSP_OPERATOR, null, Duration.ofHours(1)).bearer();
      String client = tokens.create("bench", Role.CLIENT_VIEWER, "tenant-07", Duration.ofHours(1)).bearer();
      System.out.printf("GET %s, %d requests, %d concurrent clients (after %d warm-up requests)%n", url, requests,
          clients, WARM_UP);
      measure(http, url, msp, WARM_UP, clients);
      report("msp-operator, every tenant", measure(http, url, msp, requests, clients));
      report("client-viewer, one tenant", measure(http, url, client, requests, clients));
    }
  }

  /** Appends each drill's started and completed events through the store, 8 drills at a time. */
  private static void fill(EvidenceStore store, int drills) throws Exception {
    long t0 = System.currentTimeMillis() - drills * 60_000L;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < drills; i++) {
        int n = i;
        work.add(pool.submit(() -> {
          String tenant = String.format("tenant-%02d", n % TENANTS);
          String id = DrillId.newId();
          long start = t0 + n * 60_000L;
          store.append(new EvidenceAppend(tenant, id, 1, EvidenceEvents.DRILL_STARTED, null, null, "oncall", start,
              Map.of("planName", "plan-" + (n % 7), "planType", n % 2 == 0 ? "RESTORE_TEST" : "FAILOVER_TEST",
                  "planSha256", "0".repeat(64), "trigger", "SCHEDULE", "tenant", tenant)));
          store.append(new EvidenceAppend(tenant, id, 2, EvidenceEvents.DRILL_COMPLETED, null, null, "drillbook",
              start + 30_000, Map.of("verdict", n % 10 == 0 ? "FAILED" : "PASSED", "achievedRtoMillis", 25_000L,
                  "achievedRpoMillis", 60_000L)));
          store.anchor(tenant, id);
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    }
  }

  /** Latencies in nanoseconds, sorted, and the wall time of the run, last. */
  private static long[] measure(HttpClient http, String url, String token, int requests, int clients)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET()
        .build();
    long[] latencies = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long wall = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            latencies[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
              failures.incrementAndGet();
            }
          }
          return null;
        });
      }
    }
    wall = System.nanoTime() - wall;
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " requests did not answer 200");
    }
    Arrays.sort(latencies);
    long[] result = Arrays.copyOf(latencies, requests + 1);
    result[requests] = wall;
    return result;
  }

  private static void report(String who, long[] result) {
    int n = result.length - 1;
    double seconds = result[n] / 1e9;
    System.out.printf("%-28s p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  throughput %7.0f req/s (%d requests in %.1f s)%n",
        who, result[n / 2] / 1e6, result[(int) Math.ceil(n * 0.99) - 1] / 1e6, result[n - 1] / 1e6, n / seconds, n,
        seconds);
  }

  private static void sql(String url, String user, String password, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }
}
