package io.drillbook.cli;

import io.drillbook.auth.ApiToken;
import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.IssuedToken;
import io.drillbook.auth.Role;
import io.drillbook.auth.TokenStore;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.plan.DurationSyntax;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {"Create, list and revoke local API tokens for the HTTP API (docs/api.md).",
        "Tokens live, hashed, in the evidence store's database (DRILLBOOK_HOME / DRILLBOOK_EVIDENCE_URL)."},
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

  abstract static class TokenStoreCommand extends CliCommand {
    @Mixin JsonOption json;

    <T> T withStore(Function<TokenStore, T> action) {
      AuthDatabase auth;
      EvidenceConfig config = EvidenceConfig.fromEnvironment(env());
      try {
        auth = AuthDatabase.open(config);
      } catch (RuntimeException e) {
        throw new UserError("cannot open the API token table in " + config.displayUrl() + ": " + e.getMessage()
            + " (check DRILLBOOK_EVIDENCE_URL and the database it names)", ExitCodes.ENVIRONMENT);
      }
      try (auth) {
        return action.apply(auth.tokens());
      }
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create a token and print it once; only its hash is kept.",
          "The token is printed alone on stdout (TOKEN=$(drillbook token create ...)); what it grants goes to stderr."})
  static final class Create extends TokenStoreCommand {
    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "who holds it: the name it acts under, as the plans' RACI spell it (e.g. oncall, dsi-client)")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "msp-admin, msp-operator, scheduler, client-viewer or client-approver")
    String role;

    @Option(names = "--tenant", paramLabel = "TENANT",
        description = "required for client roles; for MSP roles, limits the token to this one tenant (default: every tenant)")
    String tenant;

    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "90d",
        description = "lifetime, e.g. 12h, 30d (default ${DEFAULT-VALUE})")
    String expires;

    @Override
    public Integer call() {
      Role granted = Role.byId(role).orElseThrow(() -> new UserError("unknown role '" + role + "': use one of "
          + Role.ids()));
      Duration lifetime = DurationSyntax.parse(expires).orElseThrow(() -> new UserError("--expires " + expires
          + " is not a duration: " + DurationSyntax.HINT));
      IssuedToken issued = withStore(store -> {
        try {
          return store.create(name, granted, tenant, lifetime);
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      });
      ApiToken t = issued.token();
      if (json.enabled) {
        Map<String, Object> out = describe(t, Instant.now());
        out.put("token", issued.bearer());
        Json.print(out(), out);
        return ExitCodes.OK;
      }
      PrintWriter err = err();
      err.println("token " + t.id() + " for " + t.name() + ": role " + t.role() + ", "
          + (t.tenant() == null ? "every tenant" : "tenant " + t.tenant()) + ", expires " + t.expiresAt());
      err.println("It is shown only now; drillbook keeps its hash. Send it as `Authorization: Bearer TOKEN`; "
          + "revoke it with `drillbook token revoke " + t.id() + "`.");
      err.flush();
      out().println(issued.bearer());
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens, newest first (never their secrets).")
  static final class ListTokens extends TokenStoreCommand {
    @Override
    public Integer call() {
      List<ApiToken> tokens = withStore(TokenStore::list);
      Instant now = Instant.now();
      PrintWriter out = out();
      if (json.enabled) {
        Json.print(out, tokens.stream().map(t -> describe(t, now)).toList());
        return ExitCodes.OK;
      }
      if (tokens.isEmpty()) {
        out.println("no API tokens; create one with `drillbook token create --name NAME --role ROLE`");
        out.flush();
        return ExitCodes.OK;
      }
      out.printf("%-17s %-20s %-16s %-20s %-20s %-20s %s%n", "ID", "NAME", "ROLE", "TENANT", "CREATED (UTC)",
          "EXPIRES (UTC)", "STATUS");
      for (ApiToken t : tokens) {
        out.printf("%-17s %-20s %-16s %-20s %-20s %-20s %s%n", t.id(), t.name(), t.role(),
            t.tenant() == null ? "(every tenant)" : t.tenant(), minute(t.createdAt()), minute(t.expiresAt()),
            t.status(now));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token for good.")
  static final class Revoke extends TokenStoreCommand {
    @Parameters(paramLabel = "ID", description = "the token's ID (dbk_…, from `drillbook token list`)") String id;

    @Override
    public Integer call() {
      ApiToken revoked = withStore(store -> store.revoke(id)).orElseThrow(() -> new UserError("no token " + id
          + ": see `drillbook token list`"));
      if (json.enabled) {
        Json.print(out(), describe(revoked, Instant.now()));
      } else {
        out().println("token " + revoked.id() + " (" + revoked.name() + ") revoked at " + revoked.revokedAt());
        out().flush();
      }
      return ExitCodes.OK;
    }
  }

  private static Map<String, Object> describe(ApiToken t, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", t.id());
    json.put("name", t.name());
    json.put("role", t.role().id());
    json.put("tenant", t.tenant());
    json.put("createdAt", t.createdAt());
    json.put("expiresAt", t.expiresAt());
    json.put("revokedAt", t.revokedAt());
    json.put("status", t.status(now));
    return json;
  }

  private static String minute(Instant time) {
    return time.toString().substring(0, 16).replace('T', ' ');
  }
}
