-- Slack messages Slack accepted, by dedup key (e.g. owner-digest/<owner>/<period end>). The Slack
-- sink checks it before posting, so a digest composed again after a restore is not sent twice.

CREATE TABLE slack_deliveries (
    dedup_key       TEXT        PRIMARY KEY,
    delivered_at    TIMESTAMPTZ NOT NULL
);
