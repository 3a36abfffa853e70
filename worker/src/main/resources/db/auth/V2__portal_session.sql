-- Client portal sign-ins (docs/portal.md), beside the API tokens: same database, same history table
-- (auth_schema_history). Written for both H2 2.x and PostgreSQL 15.
-- A session is named by 256 random bits held only in the browser's cookie; the table keeps its SHA-256, so
-- whoever reads the table cannot sign in as anyone. Rows are kept in the database, not in one worker's memory,
-- so any worker serving the portal knows every session and a restart signs nobody out.

CREATE TABLE portal_session (
  id_sha256     VARCHAR(64)  NOT NULL,
  csrf_token    VARCHAR(64)  NOT NULL,   -- sent back with every form of the session
  name          VARCHAR(256) NOT NULL,   -- the name the user acts under (its RACI name)
  roles         VARCHAR(256) NOT NULL,   -- role names, comma-separated
  tenant        VARCHAR(128),            -- null: an MSP user that sees every tenant
  credential    VARCHAR(300) NOT NULL,   -- the API token ID or oidc:SUBJECT that signed in
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,  -- hard end, whatever the activity
  CONSTRAINT portal_session_pk PRIMARY KEY (id_sha256)
);

-- An OIDC sign-in between the redirect to the identity provider and its return: the PKCE verifier, found by
-- the SHA-256 of the state sent along. Deleted when used, or ignored once older than ten minutes.
CREATE TABLE portal_login (
  state_sha256  VARCHAR(64)  NOT NULL,
  code_verifier VARCHAR(128) NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT portal_login_pk PRIMARY KEY (state_sha256)
);
