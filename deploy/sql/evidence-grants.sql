-- Privileges of the evidence store on PostgreSQL (docs/evidence.md, "Roles and grants").
--
-- Two roles, created by the DBA with passwords of their own choosing, e.g.
--   CREATE ROLE drillbook_owner LOGIN PASSWORD '...';   -- owns the evidence tables, runs the migrations
--   CREATE ROLE drillbook_worker LOGIN PASSWORD '...';  -- what the worker and the API connect as
--   CREATE DATABASE drillbook OWNER drillbook_owner;
--
-- 1. Migrate once per release as the owner: any drillbook command with
--    DRILLBOOK_EVIDENCE_USER=drillbook_owner and DRILLBOOK_EVIDENCE_MIGRATE=true (the default).
-- 2. Then run this file as the owner, in the drillbook database:
--    psql -U drillbook_owner -d drillbook -f deploy/sql/evidence-grants.sql
-- 3. Run the worker with DRILLBOOK_EVIDENCE_USER=drillbook_worker and DRILLBOOK_EVIDENCE_MIGRATE=false:
--    it checks the schema version at start and can add evidence and read it, never change or remove it.

REVOKE ALL ON evidence_event, evidence_anchor, evidence_schema_history FROM PUBLIC;
REVOKE ALL ON evidence_event, evidence_anchor, evidence_schema_history FROM drillbook_worker;

GRANT USAGE ON SCHEMA public TO drillbook_worker;

-- Events: appended and read, never updated or deleted.
GRANT SELECT, INSERT ON evidence_event TO drillbook_worker;

-- Tenant anchors: the same, one row per finished drill.
GRANT SELECT, INSERT ON evidence_anchor TO drillbook_worker;

-- Flyway's history, read to check the schema is at the version this drillbook expects.
GRANT SELECT ON evidence_schema_history TO drillbook_worker;
