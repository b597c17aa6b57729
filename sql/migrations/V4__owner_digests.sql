-- Owner digests as sent: one row per owner and period, keyed by the digest key, so a replay or a
-- restart that composes the same digest again overwrites its row instead of adding one.

CREATE TABLE owner_digests (
    digest_key      TEXT        PRIMARY KEY,  -- owner-digest/<owner>/<period end>
    owner           TEXT        NOT NULL,
    period_end      TIMESTAMPTZ NOT NULL,
    datasets        INTEGER     NOT NULL,     -- datasets in the digest, including those left out
    entries         JSONB       NOT NULL      -- [{"urn", "name", "score", "previousScore", "violations"}]
);

CREATE INDEX owner_digests_owner_idx ON owner_digests (owner, period_end);
