-- Schema 5: clients' budgets (kind 18), invoices with their receipts (kind 19), vendors'
-- costs (kind 20) and monthly budget reports (kind 21, whose issued revisions are frozen)
-- are money records: like estimates, versions and releases, no person removes one (a
-- mistake is voided with a reason, and stays). Run by `account-desk team init` (after
-- schema 4) and `team migrate`, as the administrator who set the database up, in the same
-- transaction. Part of the format: change only with a numbered migration.

SET LOCAL ROLE @OWNER@;

-- Estimates, versions, releases, budgets, invoices and vendor costs as the rules say.
CREATE OR REPLACE FUNCTION account_desk.money_rows() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
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
    RETURN NEW;
END $$;
UPDATE account_desk.counters SET value = 5 WHERE name = 'schema_version';
RESET ROLE;
