package io.drillbook.auth;

/**
 * A token just created: its record and the bearer value, which exists only here; the store keeps its hash.
 *
 * @param bearer what the holder sends as {@code Authorization: Bearer ...}
 */
public record IssuedToken(ApiToken token, String bearer) {

  @Override
  public String toString() {
    return "IssuedToken[token=" + token + ", bearer=***]";
  }
}
