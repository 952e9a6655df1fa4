-- Schema 7: the words read from the stored files and their thumbnails, kept in the server
-- beside the files (schema 3) and under the same walls. Run by `account-desk team init`
-- (after schema 6) and `team migrate`, as the administrator who set the database up, in the
-- same transaction. @OWNER@ and @PEOPLE@ as in schema 2. Part of the format: change only
-- with a numbered migration.
--
-- The rules:
-- * What reading a stored file gave is kept once per client and file: its words, folded
--   (lower case, no white space: what the search compares), with the count of characters
--   read; or that it is a scan without a text layer, or a kind whose words are not read, or
--   why reading failed. Whoever reads the file first (on their own desk, from a copy that
--   came through the server) keeps it for everyone who may see that client.
-- * A file's thumbnail (a small PNG of a picture or of a PDF's first page) is kept the same
--   way, or why none can be made.
-- * A person sees and keeps these for the files they may see, exactly as the files; they
--   are never changed or removed by a person. Removing a file (the owner's) removes them.

SET LOCAL ROLE @OWNER@;

CREATE TABLE account_desk.file_texts (
    client bigint NOT NULL,
    hash bytea NOT NULL,
    -- 0 words read, 1 a scan without a text layer, 2 not read (its kind), 3 failed.
    state smallint NOT NULL CHECK (state BETWEEN 0 AND 3),
    chars integer NOT NULL DEFAULT 0 CHECK (chars >= 0),
    -- The folded words (state 0) or why reading failed (state 3); empty otherwise.
    body text NOT NULL DEFAULT '',
    written_by bigint NOT NULL DEFAULT 0,
    written_at_ms bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (client, hash),
    FOREIGN KEY (client, hash) REFERENCES account_desk.files ON DELETE CASCADE
);
-- A document's words are looked up by its file's fingerprint alone. (A long text is
-- compressed and kept out of line, PostgreSQL's default for text.)
CREATE INDEX file_texts_hash ON account_desk.file_texts (hash);

CREATE TABLE account_desk.file_thumbs (
    client bigint NOT NULL,
    hash bytea NOT NULL,
    -- The PNG, or empty when none can be made (then `failed` says why).
    png bytea NOT NULL DEFAULT '\x'::bytea,
    failed text NOT NULL DEFAULT '',
    written_by bigint NOT NULL DEFAULT 0,
    written_at_ms bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (client, hash),
    FOREIGN KEY (client, hash) REFERENCES account_desk.files ON DELETE CASCADE
);
CREATE INDEX file_thumbs_hash ON account_desk.file_thumbs (hash);
ALTER TABLE account_desk.file_thumbs ALTER COLUMN png SET STORAGE EXTERNAL;

-- Who kept it and when are the server's; nothing kept is changed by a person.
CREATE FUNCTION account_desk.stamp_file_extra() RETURNS trigger
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
        RAISE EXCEPTION 'what was read from a stored file is never changed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.written_by := account_desk.me();
    NEW.written_at_ms := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    RETURN NEW;
END $$;
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE OR DELETE ON account_desk.file_texts
    FOR EACH ROW EXECUTE FUNCTION account_desk.stamp_file_extra();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE OR DELETE ON account_desk.file_thumbs
    FOR EACH ROW EXECUTE FUNCTION account_desk.stamp_file_extra();

ALTER TABLE account_desk.file_texts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE account_desk.file_thumbs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON account_desk.file_texts TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON account_desk.file_thumbs TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY person_read ON account_desk.file_texts FOR SELECT TO @PEOPLE@
    USING ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));
CREATE POLICY person_store ON account_desk.file_texts FOR INSERT TO @PEOPLE@
    WITH CHECK ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));
CREATE POLICY person_read ON account_desk.file_thumbs FOR SELECT TO @PEOPLE@
    USING ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));
CREATE POLICY person_store ON account_desk.file_thumbs FOR INSERT TO @PEOPLE@
    WITH CHECK ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[]));

REVOKE ALL ON FUNCTION account_desk.stamp_file_extra() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_desk.stamp_file_extra() TO @PEOPLE@;
GRANT SELECT, INSERT ON account_desk.file_texts, account_desk.file_thumbs TO @PEOPLE@;
UPDATE account_desk.counters SET value = 7 WHERE name = 'schema_version';
RESET ROLE;
