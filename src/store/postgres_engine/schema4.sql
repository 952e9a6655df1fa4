-- Schema 4: estimates, their versions and the road of each version (AM, director's office,
-- client), enforced by the server. Run by `account-desk team init` (after schema 3) and
-- `team migrate`, as the administrator who set the database up, in the same transaction.
-- @OWNER@, @PEOPLE@ and @OWNER_NAME@ as in schema 2. Part of the format: change only with a
-- numbered migration.
--
-- The rules:
-- * Every step of an estimate's road is recorded by `estimate_step`, in the transaction that
--   writes the estimate (kind 14) whose newest step it is: the server checks the person's
--   role (an AE cannot approve as AM), that the approver neither wrote the version nor took
--   the step before, that the step follows the one before, and that the hash the step is
--   bound to is the content hash of the version as stored (computed here from its bytes).
-- * An estimate's row whose newest step changes is accepted only with that step recorded in
--   the same transaction.
-- * A version (kind 15) is never changed once a step was recorded on it; estimates,
--   versions and releases (kind 17) are never removed by a person; a release is written
--   only by an account director.

SET LOCAL ROLE @OWNER@;

CREATE TABLE account_desk.estimate_steps (
    seq bigserial PRIMARY KEY,
    estimate bigint NOT NULL,
    version integer NOT NULL,
    step smallint NOT NULL CHECK (step BETWEEN 1 AND 10),
    by_user bigint NOT NULL,
    hash bytea NOT NULL CHECK (length(hash) = 32),
    xact bigint NOT NULL DEFAULT txid_current(),
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX estimate_steps_of ON account_desk.estimate_steps (estimate, version);

-- The content hash of a stored record (src/store/hash.rs): SHA-256 of the tag, the kind,
-- the layout version and the payload, the envelope's checksum left out.
CREATE FUNCTION account_desk.content_hash(b bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT sha256('\x41442d434f4e54454e542d3100'::bytea
        || substring(b FROM 3 FOR 3) || substring(b FROM 10)) $$;

CREATE FUNCTION account_desk.estimate_step(e bigint, v integer, s smallint, h bytea,
        who bigint)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    me bigint := account_desk.me();
    role text := account_desk.my_role();
    row_bytes bytea;
    author bigint;
    writer bigint;
    prev smallint;
    prev_by bigint;
BEGIN
    PERFORM account_desk.require_writer();
    SELECT r.bytes, r.owner, r.written_by INTO row_bytes, author, writer
        FROM account_desk.rows r WHERE r.kind = 15 AND r.id = e AND r.version = v;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'estimate % has no version %', e, v USING ERRCODE = 'no_data_found';
    END IF;
    IF account_desk.content_hash(row_bytes) <> h THEN
        RAISE EXCEPTION 'the hash given is not the content hash of version % of estimate % as stored', v, e
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM account_desk.estimate_steps x
            WHERE x.estimate = e AND x.step = 10) THEN
        RAISE EXCEPTION 'estimate % is voided' , e USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM account_desk.estimate_steps x
            WHERE x.estimate = e AND x.version > v) THEN
        RAISE EXCEPTION 'version % of estimate % is not the newest', v, e
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT x.step, x.by_user INTO prev, prev_by FROM account_desk.estimate_steps x
        WHERE x.estimate = e AND x.version = v ORDER BY x.seq DESC LIMIT 1;
    prev := coalesce(prev, 0);
    IF NOT (
        (s = 1 AND prev IN (0, 3, 5))
        OR (s IN (2, 3) AND prev = 1)
        OR (s IN (4, 5) AND prev = 2)
        OR (s = 6 AND prev = 4)
        OR (s IN (7, 8, 9) AND prev IN (6, 8))
        OR s = 10
    ) THEN
        RAISE EXCEPTION 'step % does not follow step % on version % of estimate %', s, prev, v, e
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF s BETWEEN 2 AND 5 AND NOT account_desk.is_installer() THEN
        IF s IN (2, 3) AND coalesce(role, '') NOT IN ('am', 'ad') THEN
            RAISE EXCEPTION 'only an account manager or director approves an estimate as AM'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF s IN (4, 5) AND coalesce(role, '') NOT IN ('director', 'ad') THEN
            RAISE EXCEPTION 'only the director''s office or an account director approves an estimate as the director''s office'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF me IS NOT DISTINCT FROM author OR me IS NOT DISTINCT FROM writer THEN
            RAISE EXCEPTION 'nobody approves a version they wrote' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF me IS NOT DISTINCT FROM prev_by THEN
            RAISE EXCEPTION 'the previous step was theirs; someone else must take this one'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    -- Only the administrator moving a database in names who took a step.
    IF account_desk.is_installer() THEN
        me := coalesce(nullif(who, 0), me, 0);
    END IF;
    INSERT INTO account_desk.estimate_steps (estimate, version, step, by_user, hash)
        VALUES (e, v, s, coalesce(me, 0), h);
END $$;

-- Estimates, versions and releases as the rules above say.
CREATE FUNCTION account_desk.money_rows() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF account_desk.is_installer() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.kind IN (14, 15, 17) THEN
            RAISE EXCEPTION 'money records are never removed: void the estimate with a reason'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.kind = 14 THEN
        -- The state column is the newest step: the one recorded in this transaction, or
        -- 0 (a draft: a new estimate, or a new version).
        IF EXISTS (SELECT 1 FROM account_desk.estimate_steps x
                WHERE x.estimate = NEW.id AND x.xact = txid_current()) THEN
            IF NEW.state IS DISTINCT FROM (SELECT x.step FROM account_desk.estimate_steps x
                    WHERE x.estimate = NEW.id AND x.xact = txid_current()
                    ORDER BY x.seq DESC LIMIT 1) THEN
                RAISE EXCEPTION 'the estimate''s newest step is not the one recorded'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSIF NEW.state <> 0 AND (TG_OP = 'INSERT' OR NEW.bytes IS DISTINCT FROM OLD.bytes) THEN
            RAISE EXCEPTION 'an estimate''s step is recorded only through estimate_step'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF NEW.kind = 15 AND TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM account_desk.estimate_steps x
            WHERE x.estimate = NEW.id AND x.version = NEW.version) THEN
        RAISE EXCEPTION 'version % of estimate % was submitted and is not changed: save a new version', NEW.version, NEW.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.kind = 17 AND (TG_OP = 'UPDATE' OR account_desk.my_role() IS DISTINCT FROM 'ad') THEN
        RAISE EXCEPTION 'only an account director lets a job into production past the gate'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER money_rows BEFORE INSERT OR UPDATE OR DELETE ON account_desk.rows
    FOR EACH ROW EXECUTE FUNCTION account_desk.money_rows();

ALTER TABLE account_desk.estimate_steps ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON account_desk.estimate_steps TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY person ON account_desk.estimate_steps FOR SELECT TO @PEOPLE@ USING (true);
REVOKE ALL ON FUNCTION account_desk.estimate_step(bigint, integer, smallint, bytea, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION account_desk.content_hash(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_desk.estimate_step(bigint, integer, smallint, bytea, bigint) TO @PEOPLE@;
GRANT EXECUTE ON FUNCTION account_desk.content_hash(bytea) TO @PEOPLE@;
GRANT SELECT ON account_desk.estimate_steps TO @PEOPLE@;
UPDATE account_desk.counters SET value = 4 WHERE name = 'schema_version';
RESET ROLE;
