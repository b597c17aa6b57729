-- Documentation health: the current score of every dataset with the rules it breaks, and the
-- history of every change of outcome (the health-rollup job and the trends read it). Rows are
-- keyed on the dataset and the event time of the change, so a replay upserts, never duplicates.

CREATE TABLE dataset_health (
    urn             TEXT        PRIMARY KEY,
    platform        TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    score           SMALLINT    NOT NULL CHECK (score BETWEEN 0 AND 100),
    violations      JSONB       NOT NULL,  -- [{"rule", "field", "message", "share"}], worst first
    rules_broken    TEXT[]      NOT NULL,  -- rule ids, one per violation
    owners          TEXT[]      NOT NULL,  -- owner URNs (users and groups)
    domain          TEXT,                  -- domain URN
    removed         BOOLEAN     NOT NULL,  -- soft-deleted: out of the rankings
    evaluated_at    TIMESTAMPTZ NOT NULL   -- event time of the change that gave this outcome
);

CREATE INDEX dataset_health_ranking_idx ON dataset_health (score) WHERE NOT removed;

CREATE TABLE dataset_health_history (
    urn             TEXT        NOT NULL,
    evaluated_at    TIMESTAMPTZ NOT NULL,
    score           SMALLINT,              -- null when the dataset was hard-deleted
    violations      JSONB       NOT NULL,
    rules_broken    TEXT[]      NOT NULL,
    owners          TEXT[]      NOT NULL,
    domain          TEXT,
    removed         BOOLEAN     NOT NULL,
    hard_deleted    BOOLEAN     NOT NULL,
    PRIMARY KEY (urn, evaluated_at)
);

-- Current health per owner: what the owner digests and "my datasets" views read.
CREATE VIEW owner_dataset_health AS
SELECT owner, h.urn, h.name, h.platform, h.score, h.violations, h.evaluated_at
FROM dataset_health h, unnest(h.owners) AS owner
WHERE NOT h.removed;
