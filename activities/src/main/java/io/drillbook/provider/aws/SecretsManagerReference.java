package io.drillbook.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * A database password held in AWS Secrets Manager: {@code credentialsRef: aws-secretsmanager:<secret ARN>}.
 * Read with the resource's own access (its region and role), so the secret stays in the client's account.
 * A JSON secret (what RDS manages for a master user: {"username": ..., "password": ...}) yields its
 * {@code password} (and its {@code username}, used when the resource names no user); any other secret is
 * the password itself. The value goes to the JDBC driver only.
 */
final class SecretsManagerReference {

  /** @param username from a JSON secret, or null */
  record Credentials(String username, String password) {}

  static final String PREFIX = "aws-secretsmanager:";

  private SecretsManagerReference() {}

  static boolean matches(String reference) {
    return reference != null && reference.startsWith(PREFIX);
  }

  static Credentials read(AwsClients aws, AwsAccess access, String stepId, String reference) {
    String arn = reference.substring(PREFIX.length());
    String[] parts = arn.split(":");
    if (parts.length < 7 || !"secretsmanager".equals(parts[2])) {
      throw new ActionFailure("credentialsRef " + PREFIX + "… must name a secret's ARN: aws-secretsmanager:arn:aws:secretsmanager:REGION:"
          + "ACCOUNT:secret:NAME");
    }
    AwsAccess inSecretsRegion = new AwsAccess(access.resourceName(), parts[3], access.roleArn(), access.externalId());
    SecretsManagerClient sm = aws.client("secretsmanager", inSecretsRegion, SecretsManagerClient::builder);
    GetSecretValueResponse r = AwsCalls.call(stepId, "secretsmanager:GetSecretValue", "secret " + arn,
        () -> sm.getSecretValue(b -> b.secretId(arn)));
    String value = r.secretString();
    if (value == null) {
      throw new ActionFailure("step " + stepId + ": secret " + arn + " holds binary data, not a password; store the password as text");
    }
    if (!value.stripLeading().startsWith("{")) {
      return new Credentials(null, value);
    }
    try {
      JsonNode json = new ObjectMapper().readTree(value);
      JsonNode password = json.get("password");
      if (password == null || !password.isTextual()) {
        throw new ActionFailure("step " + stepId + ": secret " + arn + " is JSON without a \"password\" field; store the password "
            + "as text or as {\"password\": \"…\"}");
      }
      JsonNode username = json.get("username");
      return new Credentials(username != null && username.isTextual() ? username.asText() : null, password.asText());
    } catch (IOException e) {
      throw new ActionFailure("step " + stepId + ": secret " + arn + " starts like JSON but is not (the value is not shown)");
    }
  }
}
