-- The traceability log (docs/evidence.md). Written for both H2 2.x and PostgreSQL 15: VARCHAR without a
-- length is unbounded text on PostgreSQL and an in-row string on H2 (TEXT would be a slower CLOB there).
-- Rows are only ever inserted: the worker's role has INSERT and SELECT, nothing else
-- (deploy/sql/evidence-grants.sql).

CREATE TABLE evidence_event (
  drill_id   VARCHAR(64)  NOT NULL,
  seq        BIGINT       NOT NULL,
  tenant     VARCHAR(128) NOT NULL,
  type       VARCHAR(64)  NOT NULL,
  step_id    VARCHAR(128),
  raci       VARCHAR,                 -- canonical JSON of the step's RACI, null for drill-level events
  actor      VARCHAR(256),
  event_time TIMESTAMP WITH TIME ZONE NOT NULL,
  payload    VARCHAR      NOT NULL,   -- canonical JSON object, metadata only
  withheld   VARCHAR      NOT NULL,   -- canonical JSON array of the payload paths withheld as personal data
  prev_hash  VARCHAR(64)  NOT NULL,
  hash       VARCHAR(64)  NOT NULL,
  CONSTRAINT evidence_event_pk PRIMARY KEY (drill_id, seq),
  CONSTRAINT evidence_event_seq_positive CHECK (seq >= 1)
);

-- Drill listings read the drill.started rows of a tenant (or of all tenants) by time.
CREATE INDEX evidence_event_tenant_type_time ON evidence_event (tenant, type, event_time);
CREATE INDEX evidence_event_type_time ON evidence_event (type, event_time);

-- One chain per tenant: each finished drill's last (seq, hash) is linked here once, so a deleted drill or a
-- deleted trailing event is detected.
CREATE TABLE evidence_anchor (
  tenant     VARCHAR(128) NOT NULL,
  anchor_seq BIGINT       NOT NULL,
  drill_id   VARCHAR(64)  NOT NULL,
  last_seq   BIGINT       NOT NULL,
  last_hash  VARCHAR(64)  NOT NULL,
  prev_hash  VARCHAR(64)  NOT NULL,
  hash       VARCHAR(64)  NOT NULL,
  CONSTRAINT evidence_anchor_pk PRIMARY KEY (tenant, anchor_seq),
  CONSTRAINT evidence_anchor_drill_once UNIQUE (drill_id)
);
