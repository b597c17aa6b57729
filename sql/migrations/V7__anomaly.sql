-- Anomaly detection: the models the anomaly-training batch job trains per dataset metric (one
-- version per run, earlier versions kept), the windows users marked "this was normal" (training
-- feeds them even where an incident would leave them out), and the anomalies the streaming
-- quality monitor raises and clears. See docs/anomaly-training.md.

CREATE TABLE anomaly_models (
    dataset_urn      TEXT        NOT NULL,
    metric           TEXT        NOT NULL,  -- row_count, rows_written, null_ratio(<field>), profile
    version          BIGINT      NOT NULL,  -- the training run: highest version + 1 when it started
    trained_at       TIMESTAMPTZ NOT NULL,  -- when the run started
    history_from     TIMESTAMPTZ NOT NULL,  -- the metric's first point read
    history_through  TIMESTAMPTZ NOT NULL,  -- its last point read, fed or left out: resume after it
    points           INTEGER     NOT NULL,  -- points fed to the detector
    excluded         INTEGER     NOT NULL,  -- points left out as inside an incident of the dataset
    detector         TEXT        NOT NULL,  -- the detector's name(): ensemble
    state            BYTEA       NOT NULL,  -- the detector, serialized by AnomalyModels.write
    PRIMARY KEY (dataset_urn, metric, version),
    CHECK (version > 0 AND points >= 0 AND excluded >= 0),
    CHECK (history_through >= history_from)
);

-- The model each dataset metric scores with: its highest version. The primary key serves it.
CREATE VIEW anomaly_models_latest AS
SELECT DISTINCT ON (dataset_urn, metric) *
FROM   anomaly_models
ORDER  BY dataset_urn, metric, version DESC;

CREATE TABLE anomaly_feedback (
    feedback_id      BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_urn      TEXT        NOT NULL,
    metric           TEXT,                  -- NULL: every metric of the dataset
    window_start     TIMESTAMPTZ NOT NULL,  -- first instant of the window
    window_end       TIMESTAMPTZ NOT NULL,  -- first instant after it
    verdict          TEXT        NOT NULL,  -- normal: "this was normal"; more verdicts may follow
    note             TEXT,                  -- why, in the user's words
    marked_by        TEXT,                  -- who: a user URN or name
    marked_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (verdict IN ('normal')),
    CHECK (window_end > window_start)
);

-- One verdict per window of a dataset metric (or of all its metrics): marking it again conflicts.
CREATE UNIQUE INDEX anomaly_feedback_window_idx
    ON anomaly_feedback (dataset_urn, (coalesce(metric, '')), window_start, window_end);

CREATE TABLE anomalies (
    dataset_urn      TEXT             NOT NULL,
    metric           TEXT             NOT NULL,
    observed_at      TIMESTAMPTZ      NOT NULL,
    value            DOUBLE PRECISION,           -- NULL when cleared by the dataset's deletion
    expected         DOUBLE PRECISION,           -- NULL when the detector has no single expectation
    score            DOUBLE PRECISION NOT NULL,  -- in [0, 1]; see AnomalyAlarm for the bounds
    state            TEXT             NOT NULL,  -- RAISED, CLEARED
    model_version    BIGINT,                     -- anomaly_models.version scored with; NULL: none
    PRIMARY KEY (dataset_urn, metric, observed_at),
    CHECK (score BETWEEN 0 AND 1),
    CHECK (state IN ('RAISED', 'CLEARED'))
);
