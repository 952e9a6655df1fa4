-- The tables of an Account Desk team database (schema 1), created by
-- `account-desk team init` in an empty database. Part of the format: change only with a
-- numbered migration.
CREATE SCHEMA account_desk;
CREATE TABLE account_desk.counters (
    name text PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO account_desk.counters (name, value)
    VALUES ('schema_version', 1), ('last_seq', 0), ('last_id', 0);
CREATE TABLE account_desk.rows (
    kind smallint NOT NULL,
    id bigint NOT NULL,
    version bigint NOT NULL,
    rev bigint NOT NULL,
    bytes bytea NOT NULL,
    client bigint NOT NULL DEFAULT 0,
    job bigint NOT NULL DEFAULT 0,
    state smallint NOT NULL DEFAULT 0,
    owner bigint NOT NULL DEFAULT 0,
    written_by bigint NOT NULL,
    written_at_ms bigint NOT NULL,
    restores bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, id, version)
);
CREATE INDEX rows_client ON account_desk.rows (client) WHERE client <> 0;
CREATE TABLE account_desk.feed (
    seq bigint PRIMARY KEY,
    kind smallint NOT NULL,
    id bigint NOT NULL,
    version bigint NOT NULL,
    removed boolean NOT NULL
);
CREATE TABLE account_desk.job_seq (
    year integer PRIMARY KEY,
    last integer NOT NULL
);
