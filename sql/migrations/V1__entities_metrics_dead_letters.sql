-- DataSpoke foundation schema: the latest state of every DataHub entity, per-dataset metrics
-- from profiles, operations, pipeline runs and query logs, and the dead letters of records that
-- could not be decoded. Every table has a deterministic key so that replays upsert, never
-- duplicate.

CREATE TABLE entities (
    urn             TEXT        PRIMARY KEY,
    entity_type     TEXT        NOT NULL,
    aspects         JSONB       NOT NULL,                -- latest value of each aspect, by name
    removed         BOOLEAN     NOT NULL DEFAULT FALSE,  -- soft-deleted (status.removed)
    last_change_at  TIMESTAMPTZ NOT NULL,                -- event time of the latest change
    change_count    BIGINT      NOT NULL                 -- changes applied since first seen
);

CREATE INDEX entities_type_idx ON entities (entity_type) WHERE NOT removed;

CREATE TABLE dataset_metrics (
    dataset_urn     TEXT        NOT NULL,
    observed_at     TIMESTAMPTZ NOT NULL,
    source          TEXT        NOT NULL,  -- datasetProfile | operation | openlineage | query-log
    row_count       BIGINT,                -- rows in the dataset after the event
    column_count    INTEGER,
    affected_rows   BIGINT,                -- rows written by the operation, run or query
    operation_type  TEXT,                  -- INSERT, UPDATE, OVERWRITE, … or the run's state
    null_counts     JSONB,                 -- {"field path": null count}
    PRIMARY KEY (dataset_urn, observed_at, source)
);

CREATE TABLE pipeline_runs (
    run_id          TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,  -- START | RUNNING | COMPLETE | FAIL | ABORT | OTHER
    event_time      TIMESTAMPTZ NOT NULL,
    job_namespace   TEXT        NOT NULL,
    job_name        TEXT        NOT NULL,
    inputs          TEXT[]      NOT NULL,  -- dataset URNs
    outputs         TEXT[]      NOT NULL,  -- dataset URNs
    error_message   TEXT,
    PRIMARY KEY (run_id, event_type)
);

CREATE INDEX pipeline_runs_job_idx ON pipeline_runs (job_namespace, job_name, event_time);

CREATE TABLE dead_letters (
    topic           TEXT        NOT NULL,
    kafka_partition INTEGER     NOT NULL,
    kafka_offset    BIGINT      NOT NULL,
    record_time     TIMESTAMPTZ NOT NULL,  -- the Kafka record's timestamp
    record_key      BYTEA,
    record_value    BYTEA,
    error           TEXT        NOT NULL,
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);
