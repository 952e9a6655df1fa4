-- Schema 2: people, their rights and the walls around confidential clients, enforced by
-- the server. Run by `account-desk team init` (after schema 1) and `team migrate`, as the
-- administrator who set the database up, in one transaction. @OWNER@ and @PEOPLE@ are the
-- team's two roles (created beforehand, named with the team's prefix); @OWNER_NAME@ and
-- @PREFIX@ are the same names as text. Part of the format: change only with a numbered
-- migration.
--
-- The rules:
-- * Everything belongs to @OWNER@, a role nobody logs in as; row-level security is forced
--   on every table. @OWNER@ (and so the administrator, a member of it) sees and writes
--   everything; a person (a login in @PEOPLE@ listed in `people`, not disabled) sees the
--   rows of every client except the confidential ones they are not a member of.
-- * A person writes records only through `rows`, whose triggers stamp who and when from
--   the login (`session_user`), never from what the program says, and accept a revision
--   only with its entry in the feed. Sequence numbers, ids, job numbers, the feed and the
--   change log's keys come only from the functions below.
-- * People, roles, confidentiality and members change only through the functions below,
--   which check who asks and record it in `audit`.

ALTER SCHEMA account_desk OWNER TO @OWNER@;
ALTER TABLE account_desk.counters OWNER TO @OWNER@;
ALTER TABLE account_desk.rows OWNER TO @OWNER@;
ALTER TABLE account_desk.feed OWNER TO @OWNER@;
ALTER TABLE account_desk.job_seq OWNER TO @OWNER@;
SET LOCAL ROLE @OWNER@;

CREATE TABLE account_desk.settings (
    name text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO account_desk.settings (name, value) VALUES ('role_prefix', @PREFIX@);

CREATE TABLE account_desk.people (
    user_id bigint PRIMARY KEY,
    login text UNIQUE,
    role text NOT NULL CHECK (role IN ('ae', 'am', 'ad', 'director', 'admin')),
    disabled boolean NOT NULL DEFAULT false
);
CREATE TABLE account_desk.confidential (
    client bigint PRIMARY KEY
);
CREATE TABLE account_desk.members (
    client bigint NOT NULL,
    user_id bigint NOT NULL REFERENCES account_desk.people,
    PRIMARY KEY (client, user_id)
);
CREATE TABLE account_desk.audit (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    login text NOT NULL DEFAULT session_user,
    what text NOT NULL
);
-- The operation ids of committed writes: a write whose acknowledgement was lost is
-- recognised when it is tried again.
CREATE TABLE account_desk.ops (
    op bytea PRIMARY KEY CHECK (length(op) = 16),
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
ALTER TABLE account_desk.feed
    ADD COLUMN client bigint NOT NULL DEFAULT 0,
    ADD COLUMN job bigint NOT NULL DEFAULT 0;
UPDATE account_desk.feed f SET client = r.client, job = r.job
    FROM account_desk.rows r
    WHERE (r.kind, r.id, r.version) = (f.kind, f.id, f.version);

-- Who is asking.
CREATE FUNCTION account_desk.is_installer() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_has_role(session_user, @OWNER_NAME@, 'MEMBER') $$;
CREATE FUNCTION account_desk.me() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT user_id FROM account_desk.people WHERE login = session_user AND NOT disabled $$;
CREATE FUNCTION account_desk.my_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT role FROM account_desk.people WHERE login = session_user AND NOT disabled $$;
CREATE FUNCTION account_desk.require_writer() RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT account_desk.is_installer() AND account_desk.me() IS NULL THEN
        RAISE EXCEPTION 'the login % is not an active person of this team', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;
CREATE FUNCTION account_desk.require_admin(what text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT account_desk.is_installer() AND account_desk.my_role() IS DISTINCT FROM 'admin' THEN
        RAISE EXCEPTION 'only an administrator of the team may %', what
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;

-- The walls: the clients the asking person may not see, and those clients' jobs.
CREATE FUNCTION account_desk.hidden_clients() RETURNS bigint[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
SELECT coalesce(array_agg(c.client), '{}') FROM account_desk.confidential c
WHERE NOT account_desk.is_installer() AND NOT EXISTS (
    SELECT 1 FROM account_desk.members m
    WHERE m.client = c.client AND m.user_id = account_desk.me())
$$;
CREATE FUNCTION account_desk.hidden_jobs() RETURNS bigint[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
SELECT CASE WHEN cardinality(h.ids) = 0 THEN '{}'::bigint[] ELSE (
    SELECT coalesce(array_agg(r.id), '{}') FROM account_desk.rows r
    WHERE r.kind = 7 AND r.client = ANY (h.ids)) END
FROM (SELECT account_desk.hidden_clients() AS ids) h
$$;

-- Writing: the sequence counter's lock, sequence numbers with their feed entries, ids,
-- job numbers and the change log's next key.
CREATE FUNCTION account_desk.queue() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM account_desk.require_writer();
    PERFORM 1 FROM account_desk.counters WHERE name = 'last_seq' FOR UPDATE;
END $$;
CREATE FUNCTION account_desk.next_seq(k smallint, i bigint, v bigint, gone boolean)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s bigint;
    c bigint := 0;
    j bigint := 0;
BEGIN
    PERFORM account_desk.require_writer();
    UPDATE account_desk.counters SET value = value + 1 WHERE name = 'last_seq'
        RETURNING value INTO s;
    IF gone THEN
        SELECT r.client, r.job INTO c, j FROM account_desk.rows r
            WHERE (r.kind, r.id, r.version) = (k, i, v);
    END IF;
    INSERT INTO account_desk.feed (seq, kind, id, version, removed, client, job)
        VALUES (s, k, i, v, gone, coalesce(c, 0), coalesce(j, 0));
    IF s > 10000 AND s % 256 = 0 THEN
        DELETE FROM account_desk.feed WHERE seq <= s - 10000;
    END IF;
    RETURN s;
END $$;
CREATE FUNCTION account_desk.next_id() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM account_desk.require_writer();
    UPDATE account_desk.counters SET value = value + 1 WHERE name = 'last_id'
        RETURNING value INTO n;
    RETURN n;
END $$;
CREATE FUNCTION account_desk.job_seq_take(y integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n integer;
BEGIN
    PERFORM account_desk.require_writer();
    INSERT INTO account_desk.job_seq (year, last) VALUES (y, 0) ON CONFLICT DO NOTHING;
    SELECT last INTO n FROM account_desk.job_seq WHERE year = y FOR UPDATE;
    RETURN n;
END $$;
CREATE FUNCTION account_desk.job_seq_set(y integer, n integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM account_desk.require_writer();
    UPDATE account_desk.job_seq SET last = n WHERE year = y AND last < n;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'job number % of % was already handed out', n, y
            USING ERRCODE = 'unique_violation';
    END IF;
END $$;
CREATE FUNCTION account_desk.next_change_key() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM account_desk.require_writer();
    SELECT coalesce(max(id), 0) + 1 INTO n FROM account_desk.rows WHERE kind = 9;
    RETURN n;
END $$;
CREATE FUNCTION account_desk.claim_op(o bytea) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM account_desk.require_writer();
    -- Waits while another transaction holds the same id, then finds it committed or not.
    INSERT INTO account_desk.ops (op) VALUES (o) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF random() < 0.001 THEN
        DELETE FROM account_desk.ops WHERE at < clock_timestamp() - interval '90 days';
    END IF;
    RETURN true;
END $$;
CREATE FUNCTION account_desk.feed_floor() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT min(seq) FROM account_desk.feed $$;

-- Every row a person writes is stamped by the server, and its revision must be the one the
-- feed handed out for it; the change log is written once and never changed.
CREATE FUNCTION account_desk.stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF account_desk.is_installer() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        UPDATE account_desk.feed SET client = NEW.client, job = NEW.job
            WHERE seq = NEW.rev AND NEW.rev <> 0;
        RETURN NEW;
    END IF;
    PERFORM account_desk.require_writer();
    IF TG_OP = 'DELETE' THEN
        IF OLD.kind = 9 THEN
            RAISE EXCEPTION 'the change log is never changed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM account_desk.feed f
                WHERE (f.kind, f.id, f.version) = (OLD.kind, OLD.id, OLD.version)
                AND f.removed AND f.seq > OLD.rev) THEN
            RAISE EXCEPTION 'a record is removed only with its entry in the feed'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.kind = 9 THEN
        IF TG_OP = 'UPDATE' OR NEW.rev <> 0 THEN
            RAISE EXCEPTION 'the change log is never changed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        NEW.owner := account_desk.me();
    ELSIF (TG_OP = 'UPDATE' AND NEW.rev <= OLD.rev) OR NOT EXISTS (SELECT 1 FROM account_desk.feed f
            WHERE f.seq = NEW.rev AND (f.kind, f.id, f.version) = (NEW.kind, NEW.id, NEW.version)
            AND NOT f.removed) THEN
        RAISE EXCEPTION 'a record is written only with its entry in the feed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.written_by := account_desk.me();
    NEW.written_at_ms := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    UPDATE account_desk.feed SET client = NEW.client, job = NEW.job WHERE seq = NEW.rev;
    RETURN NEW;
END $$;
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE OR DELETE ON account_desk.rows
    FOR EACH ROW EXECUTE FUNCTION account_desk.stamp();

-- People and walls, changed only here.
CREATE FUNCTION account_desk.set_person(who bigint, l text, r text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM account_desk.require_admin('add a person');
    INSERT INTO account_desk.people (user_id, login, role) VALUES (who, l, r)
        ON CONFLICT (user_id) DO UPDATE SET login = coalesce(EXCLUDED.login, people.login);
    INSERT INTO account_desk.audit (what)
        VALUES (format('person %s: login %s, role %s', who, coalesce(l, '-'), r));
END $$;
CREATE FUNCTION account_desk.set_person_role(who bigint, r text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM account_desk.require_admin('change a role');
    IF who = account_desk.me() THEN
        RAISE EXCEPTION 'nobody changes their own role' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE account_desk.people SET role = r WHERE user_id = who;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'user % is not a person of this team', who USING ERRCODE = 'no_data_found';
    END IF;
    INSERT INTO account_desk.audit (what) VALUES (format('person %s: role %s', who, r));
END $$;
CREATE FUNCTION account_desk.set_person_disabled(who bigint, off boolean) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    l text;
BEGIN
    PERFORM account_desk.require_admin('disable a person');
    IF who = account_desk.me() THEN
        RAISE EXCEPTION 'nobody disables themselves' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE account_desk.people SET disabled = off WHERE user_id = who RETURNING login INTO l;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'user % is not a person of this team', who USING ERRCODE = 'no_data_found';
    END IF;
    INSERT INTO account_desk.audit (what)
        VALUES (format('person %s: %s', who, CASE WHEN off THEN 'disabled' ELSE 'enabled' END));
    RETURN l;
END $$;
CREATE FUNCTION account_desk.may_wall(c bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
SELECT account_desk.is_installer() OR account_desk.my_role() = 'admin'
    OR (account_desk.my_role() = 'ad' AND NOT c = ANY (account_desk.hidden_clients()))
$$;
CREATE FUNCTION account_desk.set_confidential(c bigint, secret boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT account_desk.may_wall(c) THEN
        RAISE EXCEPTION 'only the client''s account director or an administrator may change who sees client %', c
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF secret THEN
        INSERT INTO account_desk.confidential (client) VALUES (c) ON CONFLICT DO NOTHING;
        IF account_desk.me() IS NOT NULL THEN
            INSERT INTO account_desk.members (client, user_id) VALUES (c, account_desk.me())
                ON CONFLICT DO NOTHING;
        END IF;
    ELSE
        DELETE FROM account_desk.confidential WHERE client = c;
    END IF;
    INSERT INTO account_desk.audit (what)
        VALUES (format('client %s: %s', c, CASE WHEN secret THEN 'confidential' ELSE 'open' END));
END $$;
CREATE FUNCTION account_desk.set_member(c bigint, who bigint, member boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT account_desk.may_wall(c) THEN
        RAISE EXCEPTION 'only the client''s account director or an administrator may change who sees client %', c
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF member THEN
        INSERT INTO account_desk.members (client, user_id) VALUES (c, who) ON CONFLICT DO NOTHING;
    ELSE
        DELETE FROM account_desk.members WHERE client = c AND user_id = who;
    END IF;
    INSERT INTO account_desk.audit (what)
        VALUES (format('client %s: user %s %s', c, who, CASE WHEN member THEN 'member' ELSE 'no longer a member' END));
END $$;

-- Row-level security, forced on every table: the owner (and so the administrator) sees
-- everything; a person what the walls let them see.
ALTER TABLE account_desk.rows ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON account_desk.rows TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY person ON account_desk.rows TO @PEOPLE@
    USING ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[])
        AND NOT job = ANY ((SELECT account_desk.hidden_jobs())::bigint[]))
    WITH CHECK ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[])
        AND NOT job = ANY ((SELECT account_desk.hidden_jobs())::bigint[])
        AND (kind <> 2 OR (SELECT account_desk.my_role()) = 'admin'));
ALTER TABLE account_desk.feed ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON account_desk.feed TO @OWNER@ USING (true) WITH CHECK (true);
CREATE POLICY person ON account_desk.feed FOR SELECT TO @PEOPLE@
    USING ((SELECT account_desk.me()) IS NOT NULL
        AND NOT client = ANY ((SELECT account_desk.hidden_clients())::bigint[])
        AND NOT job = ANY ((SELECT account_desk.hidden_jobs())::bigint[]));
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['counters', 'job_seq', 'settings', 'people', 'confidential',
            'members', 'audit', 'ops'] LOOP
        EXECUTE format('ALTER TABLE account_desk.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY owner_all ON account_desk.%I TO %I USING (true) WITH CHECK (true)',
            t, @OWNER_NAME@);
        EXECUTE format('CREATE POLICY person ON account_desk.%I FOR SELECT TO %I USING (true)',
            t, @PEOPLE_NAME@);
    END LOOP;
END $$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA account_desk FROM PUBLIC;
GRANT USAGE ON SCHEMA account_desk TO @PEOPLE@;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA account_desk TO @PEOPLE@;
GRANT SELECT, INSERT, UPDATE, DELETE ON account_desk.rows TO @PEOPLE@;
GRANT SELECT ON account_desk.feed, account_desk.counters, account_desk.job_seq,
    account_desk.settings, account_desk.people, account_desk.confidential,
    account_desk.members TO @PEOPLE@;
UPDATE account_desk.counters SET value = 2 WHERE name = 'schema_version';
RESET ROLE;
