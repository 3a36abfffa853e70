-- Privileges of the API tokens and portal sessions on PostgreSQL (docs/api.md "PostgreSQL grants",
-- docs/portal.md), for the same two roles as evidence-grants.sql: the owner migrates and manages tokens, the
-- worker (what the API and the portal connect as) authenticates callers and keeps portal sessions.
--
-- 1. Migrate once per release as the owner: any drillbook command that serves the API, run with
--    DRILLBOOK_EVIDENCE_USER=drillbook_owner and DRILLBOOK_EVIDENCE_MIGRATE=true (the default), or
--    `drillbook token list` as the owner.
-- 2. Then run this file as the owner, in the drillbook database (beside evidence-grants.sql):
--    psql -U drillbook_owner -d drillbook -f deploy/sql/auth-grants.sql
-- 3. `drillbook token create` and `drillbook token revoke` run as the owner; the worker runs with
--    DRILLBOOK_EVIDENCE_USER=drillbook_worker and DRILLBOOK_EVIDENCE_MIGRATE=false.

REVOKE ALL ON api_token, portal_session, portal_login, auth_schema_history FROM PUBLIC;
REVOKE ALL ON api_token, portal_session, portal_login, auth_schema_history FROM drillbook_worker;

GRANT USAGE ON SCHEMA public TO drillbook_worker;

-- Tokens: read to authenticate callers (and to end the portal sessions of a revoked token); never created,
-- revoked or changed by the worker.
GRANT SELECT ON api_token TO drillbook_worker;

-- Portal sessions and OIDC sign-ins in progress: opened, touched and ended by whichever worker serves the user.
GRANT SELECT, INSERT, UPDATE, DELETE ON portal_session, portal_login TO drillbook_worker;

-- Flyway's history, read to check the schema is at the version this drillbook expects.
GRANT SELECT ON auth_schema_history TO drillbook_worker;
