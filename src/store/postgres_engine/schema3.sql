-- Schema 3: the files records name (a meeting's signed minutes, later a brief's
-- attachments), kept in the server under the same walls as the records. Run by
-- `account-desk team init` (after schema 2) and `team migrate`, as the administrator who
-- set the database up, in the same transaction. @OWNER@, @PEOPLE@ and @OWNER_NAME@ as in
-- schema 2. Part of the format: change only with a numbered migration.
--
-- The rules:
-- * A file is kept once per client (the client of the record that names it; 0 for none),
--   named by the SHA-256 of its content, in 1 MiB chunks. It is deduplicated within its
--   client only: storing a file never tells anyone whether a client they cannot see holds
--   the same content.
-- * A person sees and stores the files of every client except the confidential ones they
--   are not a member of, exactly as for records. Files are never changed or removed by a
--   person; the owner (the administrator) may remove one.
-- * A file's row comes first and its chunks after it, in the transaction that stores it:
--   a person cannot add chunks to a file stored before, and a file whose chunks do not add
--   up to its size does not commit. Who stored it and when are the server's.

SET LOCAL ROLE @OWNER@;

CREATE TABLE account_desk.files (
    client bigint NOT NULL,
    hash bytea NOT NULL CHECK (length(hash) = 32),
    size bigint NOT NULL CHECK (size >= 0),
    chunks integer NOT NULL CHECK (chunks >= 0),
    written_by bigint NOT NULL DEFAULT 0,
    written_at_ms bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (client, hash)
);
-- Opening a file a record names looks it up by its fingerprint alone.
CREATE INDEX files_hash ON account_desk.files (hash);
CREATE TABLE account_desk.file_chunks (
    client bigint NOT NULL,
    hash bytea NOT NULL,
    n integer NOT NULL CHECK (n >= 0),
    bytes bytea NOT NULL,
    PRIMARY KEY (client, hash, n),
    FOREIGN KEY (client, hash) REFERENCES account_desk.files ON DELETE CASCADE
);
-- Scans, PDFs and media are compressed already: stored as they are, out of line.
ALTER TABLE account_desk.file_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE FUNCTION account_desk.stamp_file() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF account_desk.is_installer() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        IF NEW.written_at_ms = 0 THEN
            NEW.written_at_ms := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
        END IF;
        RETURN NEW;
    END IF;
    PERFORM account_desk.require_writer();
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'a stored file is never changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.written_by := account_desk.me();
    NEW.written_at_ms := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    RETURN NEW;
END $$;
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE OR DELETE ON account_desk.files
    FOR EACH ROW EXECUTE FUNCTION account_desk.stamp_file();

CREATE FUNCTION account_desk.check_chunk() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF account_desk.is_installer() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    PERFORM account_desk.require_writer();
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'a stored file is never changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM account_desk.files f
            WHERE f.client = NEW.client AND f.hash = NEW.hash AND NEW.n < f.chunks
            AND f.xmin = pg_current_xact_id()::xid) THEN
        RAISE EXCEPTION 'a file''s chunks are written only with the file, in the transaction that stores it'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER check_chunk BEFORE INSERT OR UPDATE OR DELETE ON account_desk.file_chunks
    FOR EACH ROW EXECUTE FUNCTION account_desk.check_chunk();

-- At commit: the chunks of a file stored in the transaction add up to it.
CREATE FUNCTION account_desk.file_whole() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
    s bigint;
BEGIN
    SELECT count(*), coalesce(sum(length(c.bytes)), 0) INTO n, s
        FROM account_desk.file_chunks c WHERE c.client = NEW.client AND c.hash = NEW.hash;
    IF n <> NEW.chunks OR s <> NEW.size THEN
        RAISE EXCEPTION 'the file % of client % is incomplete: % of % chunks, % of % bytes',
            encode(NEW.hash, 'hex'), NEW.client, n, NEW.chunks, s, NEW.size
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER whole AFTER INSERT ON account_desk.files
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION account_desk.file_whole();

ALTER TABLE account_desk.files ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE account_desk.file_chunks ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON account_desk.files TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON account_desk.file_chunks TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY person_read ON account_desk.files FOR SELECT TO @PEOPLE@
    USING ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));
CREATE POLICY person_store ON account_desk.files FOR INSERT TO @PEOPLE@
    WITH CHECK ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));
CREATE POLICY person_read ON account_desk.file_chunks FOR SELECT TO @PEOPLE@
    USING ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));
CREATE POLICY person_store ON account_desk.file_chunks FOR INSERT TO @PEOPLE@
    WITH CHECK ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA account_desk FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA account_desk TO @PEOPLE@;
GRANT SELECT, INSERT ON account_desk.files, account_desk.file_chunks TO @PEOPLE@;
UPDATE account_desk.counters SET value = 3 WHERE name = 'schema_version';
RESET ROLE;
