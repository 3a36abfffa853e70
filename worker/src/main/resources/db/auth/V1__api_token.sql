-- Local API tokens (docs/api.md). Same database as the evidence store, its own Flyway history
-- (auth_schema_history). Written for both H2 2.x and PostgreSQL 15.
-- Only the SHA-256 of a token's secret is kept: the token itself is shown once, when it is created.

CREATE TABLE api_token (
  id            VARCHAR(32)  NOT NULL,
  secret_sha256 VARCHAR(64)  NOT NULL,
  name          VARCHAR(256) NOT NULL,   -- the name the holder acts under (its RACI name)
  role          VARCHAR(32)  NOT NULL,
  tenant        VARCHAR(128),            -- null: an MSP token that sees every tenant
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at    TIMESTAMP WITH TIME ZONE,
  CONSTRAINT api_token_pk PRIMARY KEY (id)
);
