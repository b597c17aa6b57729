-- Documentation health rolled up per team and per domain, one row per group and UTC day: the live
-- datasets as of the end of the day (each one's latest dataset_health_history row at or before
-- it, unless removed or hard-deleted), their mean score, the shares that meet the main rules, and
-- how the mean moved. A group has no row on a day it has no live dataset. Written by the
-- health-rollup batch job as upserts on the key, so a rerun over the same days rewrites its rows
-- instead of adding more. See docs/health-rollup.md.

CREATE TABLE health_rollup (
    group_kind          TEXT             NOT NULL CHECK (group_kind IN ('team', 'domain')),
    group_name          TEXT             NOT NULL,  -- team name or domain URN
    day                 DATE             NOT NULL,  -- UTC; the state as of the end of the day
    datasets            INTEGER          NOT NULL CHECK (datasets > 0),
    mean_score          DOUBLE PRECISION NOT NULL CHECK (mean_score BETWEEN 0 AND 100),
    described           DOUBLE PRECISION NOT NULL CHECK (described BETWEEN 0 AND 1),
    owned               DOUBLE PRECISION NOT NULL CHECK (owned BETWEEN 0 AND 1),
    columns_documented  DOUBLE PRECISION NOT NULL CHECK (columns_documented BETWEEN 0 AND 1),
    pii_classified      DOUBLE PRECISION NOT NULL CHECK (pii_classified BETWEEN 0 AND 1),
    wow_change          DOUBLE PRECISION,           -- null: no row 7 days earlier
    trend_per_day       DOUBLE PRECISION,           -- null: not a row on each of the last 7 days
    PRIMARY KEY (group_kind, group_name, day)
);

-- The league on one day reads every group of a kind on that day.
CREATE INDEX health_rollup_day_idx ON health_rollup (day, group_kind);
