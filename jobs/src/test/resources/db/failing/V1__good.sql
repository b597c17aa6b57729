-- Test migration: applies cleanly.

CREATE TABLE good (
    id  INTEGER PRIMARY KEY
);
