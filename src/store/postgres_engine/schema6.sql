-- Schema 6: the road of each monthly budget report (kind 21), held by the server as an
-- estimate's is: submitted, approved or returned by an account manager (or director), then
-- issued. Run by `account-desk team init` (after schema 5) and `team migrate`, as the
-- administrator who set the database up, in the same transaction. @OWNER@ and @PEOPLE@ as
-- in schema 2. Part of the format: change only with a numbered migration.
--
-- The rules:
-- * Every step of a report's road is recorded by `report_step`, in the transaction that
--   writes the report whose newest step it is: the server checks that the step follows the
--   one before on the same revision (submit a draft or a returned report; approve or return
--   a submitted one; issue an approved one), that only an account manager or director
--   approves or returns, that nobody approves a report they submitted, and that a report is
--   issued bound to the very hash its approval was bound to. A new revision starts only
--   after the one before it was issued. (The hash is of the report as read for review,
--   which the server cannot compute; what it binds is that issue and approval agree.)
-- * A report's row (its state column the newest step of its current revision: 0 draft,
--   1 submitted, 2 approved, 3 returned, 4 issued) whose state changes is accepted only
--   with that step recorded in the same transaction, or as the next revision's draft after
--   an issue; a report awaiting review, approved or issued is not changed otherwise.

SET LOCAL ROLE @OWNER@;

CREATE TABLE account_desk.report_steps (
    seq bigserial PRIMARY KEY,
    report bigint NOT NULL,
    revision integer NOT NULL CHECK (revision >= 1),
    step smallint NOT NULL CHECK (step BETWEEN 1 AND 4),
    by_user bigint NOT NULL,
    hash bytea NOT NULL CHECK (length(hash) = 32),
    xact bigint NOT NULL DEFAULT txid_current(),
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX report_steps_of ON account_desk.report_steps (report, revision);

CREATE FUNCTION account_desk.report_step(r bigint, rev integer, s smallint, h bytea,
        who bigint)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    me bigint := account_desk.me();
    role text := account_desk.my_role();
    prev smallint;
    newest integer;
    newest_step smallint;
    submitter bigint;
    approved bytea;
BEGIN
    PERFORM account_desk.require_writer();
    IF NOT EXISTS (SELECT 1 FROM account_desk.rows x WHERE x.kind = 21 AND x.id = r) THEN
        RAISE EXCEPTION 'budget report % is not stored', r USING ERRCODE = 'no_data_found';
    END IF;
    SELECT max(x.revision) INTO newest FROM account_desk.report_steps x WHERE x.report = r;
    IF newest IS NOT NULL AND rev < newest THEN
        RAISE EXCEPTION 'revision % of budget report % is not the newest', rev, r
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF newest IS NOT NULL AND rev > newest THEN
        SELECT x.step INTO newest_step FROM account_desk.report_steps x
            WHERE x.report = r AND x.revision = newest ORDER BY x.seq DESC LIMIT 1;
        IF newest_step <> 4 OR rev <> newest + 1 THEN
            RAISE EXCEPTION 'revision % of budget report % starts only after revision % was issued', rev, r, newest
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    SELECT x.step INTO prev FROM account_desk.report_steps x
        WHERE x.report = r AND x.revision = rev ORDER BY x.seq DESC LIMIT 1;
    prev := coalesce(prev, 0);
    IF NOT (
        (s = 1 AND prev IN (0, 3))
        OR (s IN (2, 3) AND prev = 1)
        OR (s = 4 AND prev = 2)
    ) THEN
        RAISE EXCEPTION 'step % does not follow step % on revision % of budget report %', s, prev, rev, r
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF s IN (2, 3) AND NOT account_desk.is_installer() THEN
        IF coalesce(role, '') NOT IN ('am', 'ad') THEN
            RAISE EXCEPTION 'only an account manager or director reviews a budget report'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT x.by_user INTO submitter FROM account_desk.report_steps x
            WHERE x.report = r AND x.revision = rev AND x.step = 1
            ORDER BY x.seq DESC LIMIT 1;
        IF s = 2 AND me IS NOT DISTINCT FROM submitter THEN
            RAISE EXCEPTION 'nobody approves a budget report they submitted'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF s = 4 THEN
        SELECT x.hash INTO approved FROM account_desk.report_steps x
            WHERE x.report = r AND x.revision = rev AND x.step = 2
            ORDER BY x.seq DESC LIMIT 1;
        IF approved IS DISTINCT FROM h THEN
            RAISE EXCEPTION 'revision % of budget report % is issued only as approved: the report changed since', rev, r
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    -- Only the administrator moving a database in names who took a step.
    IF account_desk.is_installer() THEN
        me := coalesce(nullif(who, 0), me, 0);
    END IF;
    INSERT INTO account_desk.report_steps (report, revision, step, by_user, hash)
        VALUES (r, rev, s, coalesce(me, 0), h);
END $$;

-- Estimates, versions, releases, budgets, invoices, vendor costs and budget reports as the
-- rules of schemas 4, 5 and 6 say.
CREATE OR REPLACE FUNCTION account_desk.money_rows() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    stepped smallint;
BEGIN
    IF account_desk.is_installer() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.kind IN (14, 15, 17, 18, 19, 20, 21) THEN
            RAISE EXCEPTION 'money records are never removed: void them with a reason'
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
    IF NEW.kind = 21 THEN
        SELECT x.step INTO stepped FROM account_desk.report_steps x
            WHERE x.report = NEW.id AND x.xact = txid_current()
            ORDER BY x.seq DESC LIMIT 1;
        IF stepped IS NOT NULL THEN
            IF NEW.state IS DISTINCT FROM stepped THEN
                RAISE EXCEPTION 'the budget report''s newest step is not the one recorded'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSIF TG_OP = 'INSERT' THEN
            IF NEW.state <> 0 THEN
                RAISE EXCEPTION 'a budget report''s step is recorded only through report_step'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSIF NEW.state IS DISTINCT FROM OLD.state THEN
            -- Changing an issued report starts the next revision, a draft.
            IF NOT (OLD.state = 4 AND NEW.state = 0) THEN
                RAISE EXCEPTION 'a budget report''s step is recorded only through report_step'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSIF NEW.state IN (1, 2, 4) AND NEW.bytes IS DISTINCT FROM OLD.bytes THEN
            RAISE EXCEPTION 'a budget report awaiting review, approved or issued is not changed'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END $$;

ALTER TABLE account_desk.report_steps ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON account_desk.report_steps TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY person ON account_desk.report_steps FOR SELECT TO @PEOPLE@ USING (true);
REVOKE ALL ON FUNCTION account_desk.report_step(bigint, integer, smallint, bytea, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_desk.report_step(bigint, integer, smallint, bytea, bigint) TO @PEOPLE@;
GRANT SELECT ON account_desk.report_steps TO @PEOPLE@;
UPDATE account_desk.counters SET value = 6 WHERE name = 'schema_version';
RESET ROLE;
