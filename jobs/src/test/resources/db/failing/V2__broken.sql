-- Test migration: the first statement succeeds, the second fails, so the whole script must be
-- rolled back.

CREATE TABLE half_done (
    id  INTEGER PRIMARY KEY
);

ALTER TABLE no_such_table ADD COLUMN x INTEGER;
