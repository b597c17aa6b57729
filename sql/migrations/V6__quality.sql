-- The quality monitor's results: every contract check evaluation, incidents (one per root cause,
-- with the datasets it affects by hop distance) and each dataset's circuit-breaker status.

CREATE TABLE check_results (
    dataset_urn     TEXT             NOT NULL,
    check_id        TEXT             NOT NULL,  -- stable within the dataset: missing_percent(email)
    evaluated_at    TIMESTAMPTZ      NOT NULL,
    check_text      TEXT             NOT NULL,  -- as the contract writes it, or its name:
    check_type      TEXT             NOT NULL,  -- row_count, freshness, schema, ...
    contract_file   TEXT             NOT NULL,
    outcome         TEXT             NOT NULL,  -- PASS, WARN, FAIL, NO_DATA
    observed        DOUBLE PRECISION,           -- rows, percent or hours; NULL when not measured
    signal          TEXT             NOT NULL,  -- PROFILE, OPERATION, RUN, QUERY_LOG, SCHEMA, timer
    message         TEXT             NOT NULL,
    PRIMARY KEY (dataset_urn, check_id, evaluated_at)
);

CREATE INDEX check_results_bad_idx ON check_results (evaluated_at) WHERE outcome IN ('WARN', 'FAIL');

CREATE TABLE incidents (
    incident_id     TEXT        PRIMARY KEY,
    root_urn        TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    cause           TEXT        NOT NULL,      -- schema-change, pipeline-failures, check, ...
    state           TEXT        NOT NULL,      -- OPEN, RESOLVED
    severity        TEXT        NOT NULL,      -- LOW, MEDIUM, HIGH, CRITICAL
    opened_at       TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    resolved_at     TIMESTAMPTZ,
    column_name     TEXT,
    affected        JSONB       NOT NULL,      -- [{"urn", "hops", "reason", "since", "recovered"}]
    revision        INTEGER     NOT NULL,
    team            TEXT,
    domain          TEXT
);

CREATE INDEX incidents_open_idx ON incidents (state, severity);

-- One row per dataset in an incident, for joins by dataset (blast radius, status pages).
CREATE VIEW incident_datasets AS
SELECT i.incident_id,
       a ->> 'urn'                 AS dataset_urn,
       (a ->> 'hops')::INTEGER     AS hops,
       a ->> 'reason'              AS reason,
       (a ->> 'recovered')::BOOLEAN AS recovered,
       i.state,
       i.severity
FROM   incidents i,
       jsonb_array_elements(i.affected) AS a;

CREATE TABLE dataset_status (
    dataset_urn     TEXT        PRIMARY KEY,
    status          TEXT        NOT NULL,      -- PASS, WARN, BLOCK
    reasons         JSONB       NOT NULL,      -- worst first
    incident_ids    JSONB       NOT NULL,
    since           TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
