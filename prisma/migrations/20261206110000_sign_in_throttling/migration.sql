-- Sign-in throttling instead of an account lockout (docs/security.md has the reasoning and
-- the numbers). The old lock (5 failures → 15 minutes, whoever failed) let any stranger keep
-- an account's owner out; now failures slow down the client that makes them, and clients the
-- account never signed in from share one slow budget, while a known address or browser keeps
-- its own. State is keyed by the SHA-256 of the e-mail tried, so an address with no account
-- behaves exactly like one with an account. Everything here is reached only through the
-- cross_tenant functions below: the tables have row-level security and no policy, so the
-- runtime role sees and writes nothing in them directly.

ALTER TABLE "users" DROP COLUMN "failed_sign_ins", DROP COLUMN "locked_until";
DROP FUNCTION cross_tenant.begin_sign_in(text);
DROP FUNCTION cross_tenant.finish_sign_in(uuid);
DROP FUNCTION cross_tenant.find_user_for_sign_in(text);

-- Failures per (e-mail, client): client_key is 'ip:<address or IPv6 /64>' or
-- 'device:<sha256 of a device token>'. Forgotten a day after the last failure.
CREATE TABLE "sign_in_throttles" (
  "email_digest" bytea NOT NULL,
  "client_key" text NOT NULL CHECK (length("client_key") BETWEEN 4 AND 120),
  "failures" integer NOT NULL CHECK ("failures" > 0),
  "last_failure_at" timestamptz(3) NOT NULL,
  PRIMARY KEY ("email_digest", "client_key")
);
CREATE INDEX "sign_in_throttles_last_failure_at_idx" ON "sign_in_throttles"("last_failure_at");

-- The per-account ceiling for clients the account has not signed in from: a token bucket
-- (10 tokens, one back every 6 minutes), and when its owner was last told about a burst.
CREATE TABLE "sign_in_ceilings" (
  "email_digest" bytea PRIMARY KEY,
  "tokens" double precision NOT NULL CHECK ("tokens" >= 0 AND "tokens" <= 10),
  "refilled_at" timestamptz(3) NOT NULL,
  "notified_at" timestamptz(3)
);
CREATE INDEX "sign_in_ceilings_refilled_at_idx" ON "sign_in_ceilings"("refilled_at");

-- Clients a user signed in from: 'ip:<address or /64>' (90 days) and 'device:<sha256>' (a
-- year; the console keeps the token in an HttpOnly cookie and gets a new one at each sign-in).
CREATE TABLE "sign_in_known_clients" (
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "client_key" text NOT NULL CHECK (length("client_key") BETWEEN 4 AND 120),
  "last_success_at" timestamptz(3) NOT NULL,
  "expires_at" timestamptz(3) NOT NULL,
  PRIMARY KEY ("user_id", "client_key")
);

-- One-time links mailed on a burst: opening one in a browser makes it a known device.
CREATE TABLE "sign_in_unlocks" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "token_hash" text NOT NULL UNIQUE,
  "expires_at" timestamptz(3) NOT NULL,
  "used_at" timestamptz(3),
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "sign_in_unlocks_user_id_idx" ON "sign_in_unlocks"("user_id");
CREATE INDEX "sign_in_unlocks_expires_at_idx" ON "sign_in_unlocks"("expires_at");

DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['sign_in_throttles', 'sign_in_ceilings', 'sign_in_known_clients', 'sign_in_unlocks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tbl);
  END LOOP;
END $$;

-- Sign-in by e-mail for sign-up and SSO linking: the account and its password hash only.
CREATE FUNCTION cross_tenant.find_user_for_sign_in(p_email text)
  RETURNS TABLE (user_id uuid, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT u.id, u.password_hash FROM users u WHERE u.email = lower(p_email)
$$;

-- Sign-in, step 1: may this client try a password on this e-mail now? Refused (retry_after_s
-- set, limited_by 'client' or 'account') or counted as a failure up front and answered with
-- the password hash (user_id NULL when no account has the e-mail). Limits are constants, not
-- parameters, so the runtime role cannot make them harsher:
--   per (e-mail, client): 5 failures free, then 1 s, 2 s, 4 s … doubling up to 15 minutes;
--   per e-mail, for clients the account never signed in from: 10 attempts, then one per 6 minutes.
-- When that ceiling first refuses, the account's owner (with a password) is mailed a link at
-- most once every 6 hours: notify_email is set and p_unlock_hash stored for an hour.
CREATE FUNCTION cross_tenant.begin_password_sign_in(
  p_email text, p_client_key text, p_device_hash text, p_unlock_hash text)
  RETURNS TABLE (user_id uuid, password_hash text, known boolean, retry_after_s integer, limited_by text,
                 notify_email text, notify_name text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_digest bytea := sha256(convert_to(lower(p_email), 'UTF8'));
  v_user users%ROWTYPE;
  v_found boolean;
  v_known boolean := false;
  v_keys text[] := ARRAY['ip:' || p_client_key];
  v_key text;
  v_failures integer;
  v_last timestamptz;
  v_wait timestamptz := now();
  v_tokens double precision;
  v_notified timestamptz;
  v_notify boolean := false;
BEGIN
  IF p_client_key IS NULL OR length(p_client_key) NOT BETWEEN 1 AND 100 THEN
    RAISE EXCEPTION 'begin_password_sign_in: a client key is required';
  END IF;
  -- Attempts on one e-mail run one at a time: each is counted before its password is
  -- checked, so parallel guesses cannot outrun their own delays.
  PERFORM pg_advisory_xact_lock(hashtextextended('berth.sign-in.' || encode(v_digest, 'hex'), 0));
  SELECT * INTO v_user FROM users u WHERE u.email = lower(p_email);
  v_found := FOUND;
  IF v_found AND p_device_hash IS NOT NULL AND EXISTS (
      SELECT 1 FROM sign_in_known_clients k WHERE k.user_id = v_user.id
        AND k.client_key = 'device:' || p_device_hash AND k.expires_at > now()) THEN
    v_known := true;
    v_keys := v_keys || ('device:' || p_device_hash);
  ELSIF v_found THEN
    v_known := EXISTS (SELECT 1 FROM sign_in_known_clients k WHERE k.user_id = v_user.id
      AND k.client_key = 'ip:' || p_client_key AND k.expires_at > now());
  END IF;

  FOREACH v_key IN ARRAY v_keys LOOP
    SELECT t.failures, t.last_failure_at INTO v_failures, v_last FROM sign_in_throttles t
    WHERE t.email_digest = v_digest AND t.client_key = v_key;
    IF FOUND AND v_last > now() - interval '1 day' AND v_failures >= 5 THEN
      v_wait := greatest(v_wait, v_last + make_interval(secs => least(power(2, v_failures - 5), 900)));
    END IF;
  END LOOP;
  IF v_wait > now() THEN
    RETURN QUERY SELECT NULL::uuid, NULL::text, v_known, ceil(extract(epoch FROM v_wait - now()))::integer,
      'client'::text, NULL::text, NULL::text;
    RETURN;
  END IF;

  IF NOT v_known THEN
    SELECT least(10, c.tokens + extract(epoch FROM now() - c.refilled_at) / 360.0), c.notified_at
      INTO v_tokens, v_notified FROM sign_in_ceilings c WHERE c.email_digest = v_digest;
    IF NOT FOUND THEN
      v_tokens := 10;
    END IF;
    IF v_tokens < 1 THEN
      v_notify := v_found AND v_user.password_hash IS NOT NULL AND p_unlock_hash IS NOT NULL
        AND (v_notified IS NULL OR v_notified < now() - interval '6 hours');
      INSERT INTO sign_in_ceilings AS c (email_digest, tokens, refilled_at, notified_at)
      VALUES (v_digest, v_tokens, now(), CASE WHEN v_notify THEN now() END)
      ON CONFLICT (email_digest) DO UPDATE SET tokens = excluded.tokens, refilled_at = excluded.refilled_at,
        notified_at = coalesce(excluded.notified_at, c.notified_at);
      IF v_notify THEN
        INSERT INTO sign_in_unlocks (user_id, token_hash, expires_at)
        VALUES (v_user.id, p_unlock_hash, now() + interval '1 hour');
      END IF;
      RETURN QUERY SELECT NULL::uuid, NULL::text, false, ceil((1 - v_tokens) * 360)::integer, 'account'::text,
        CASE WHEN v_notify THEN v_user.email END, CASE WHEN v_notify THEN v_user.name END;
      RETURN;
    END IF;
    INSERT INTO sign_in_ceilings AS c (email_digest, tokens, refilled_at)
    VALUES (v_digest, v_tokens - 1, now())
    ON CONFLICT (email_digest) DO UPDATE SET tokens = excluded.tokens, refilled_at = excluded.refilled_at;
  END IF;

  FOREACH v_key IN ARRAY v_keys LOOP
    INSERT INTO sign_in_throttles AS t (email_digest, client_key, failures, last_failure_at)
    VALUES (v_digest, v_key, 1, now())
    ON CONFLICT (email_digest, client_key) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at > now() - interval '1 day' THEN t.failures + 1 ELSE 1 END,
      last_failure_at = now();
  END LOOP;

  -- A little housekeeping per attempt keeps the tables to what is still in force.
  DELETE FROM sign_in_throttles WHERE ctid = ANY (ARRAY(
    SELECT ctid FROM sign_in_throttles WHERE last_failure_at < now() - interval '1 day' LIMIT 50));
  DELETE FROM sign_in_ceilings WHERE ctid = ANY (ARRAY(
    SELECT ctid FROM sign_in_ceilings WHERE refilled_at < now() - interval '1 day'
      AND (notified_at IS NULL OR notified_at < now() - interval '6 hours') LIMIT 50));
  DELETE FROM sign_in_unlocks WHERE ctid = ANY (ARRAY(
    SELECT ctid FROM sign_in_unlocks WHERE expires_at < now() - interval '1 day' LIMIT 50));

  RETURN QUERY SELECT v_user.id, v_user.password_hash, v_known, NULL::integer, NULL::text, NULL::text, NULL::text;
END $$;

-- Sign-in, step 2, only after the password verified: the attempt was no failure. This
-- client's counts are cleared, a token taken from the ceiling is given back, the address is
-- remembered for 90 days, and the browser's device token is replaced by a new one (a year).
CREATE FUNCTION cross_tenant.finish_password_sign_in(
  p_user_id uuid, p_client_key text, p_device_hash text, p_new_device_hash text, p_known boolean)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_digest bytea;
BEGIN
  SELECT sha256(convert_to(u.email, 'UTF8')) INTO v_digest FROM users u WHERE u.id = p_user_id;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('berth.sign-in.' || encode(v_digest, 'hex'), 0));
  DELETE FROM sign_in_throttles t WHERE t.email_digest = v_digest
    AND t.client_key IN ('ip:' || p_client_key, 'device:' || coalesce(p_device_hash, ''));
  IF NOT p_known THEN
    UPDATE sign_in_ceilings c SET tokens = least(10, c.tokens + 1) WHERE c.email_digest = v_digest;
  END IF;
  INSERT INTO sign_in_known_clients AS k (user_id, client_key, last_success_at, expires_at)
  VALUES (p_user_id, 'ip:' || p_client_key, now(), now() + interval '90 days')
  ON CONFLICT (user_id, client_key) DO UPDATE SET last_success_at = now(), expires_at = excluded.expires_at;
  IF p_device_hash IS NOT NULL THEN
    DELETE FROM sign_in_known_clients k WHERE k.user_id = p_user_id AND k.client_key = 'device:' || p_device_hash;
  END IF;
  IF p_new_device_hash IS NOT NULL THEN
    INSERT INTO sign_in_known_clients (user_id, client_key, last_success_at, expires_at)
    VALUES (p_user_id, 'device:' || p_new_device_hash, now(), now() + interval '365 days')
    ON CONFLICT (user_id, client_key) DO NOTHING;
  END IF;
  -- Bounded per user: expired entries go, and only the 20 most recent devices and 50 addresses stay.
  DELETE FROM sign_in_known_clients k WHERE k.user_id = p_user_id AND (k.expires_at <= now()
    OR k.client_key IN (SELECT d.client_key FROM sign_in_known_clients d WHERE d.user_id = p_user_id
         AND d.client_key LIKE 'device:%' ORDER BY d.last_success_at DESC OFFSET 20)
    OR k.client_key IN (SELECT a.client_key FROM sign_in_known_clients a WHERE a.user_id = p_user_id
         AND a.client_key LIKE 'ip:%' ORDER BY a.last_success_at DESC OFFSET 50));
END $$;

-- A mailed unlock link, once: status ok | unknown | used | expired. On ok the browser's new
-- device token becomes known for the user (and every other outstanding link is spent).
CREATE FUNCTION cross_tenant.consume_sign_in_unlock(p_token_hash text, p_device_hash text)
  RETURNS TABLE (status text, user_id uuid, email text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r sign_in_unlocks%ROWTYPE;
BEGIN
  SELECT * INTO r FROM sign_in_unlocks s WHERE s.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::uuid, NULL::text; RETURN;
  ELSIF r.used_at IS NOT NULL THEN
    RETURN QUERY SELECT 'used'::text, NULL::uuid, NULL::text; RETURN;
  ELSIF r.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, NULL::uuid, NULL::text; RETURN;
  END IF;
  UPDATE sign_in_unlocks s SET used_at = now() WHERE s.user_id = r.user_id AND s.used_at IS NULL;
  INSERT INTO sign_in_known_clients AS k (user_id, client_key, last_success_at, expires_at)
  VALUES (r.user_id, 'device:' || p_device_hash, now(), now() + interval '365 days')
  ON CONFLICT ON CONSTRAINT sign_in_known_clients_pkey DO UPDATE SET last_success_at = now(), expires_at = excluded.expires_at;
  RETURN QUERY SELECT 'ok'::text, r.user_id, u.email FROM users u WHERE u.id = r.user_id;
END $$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cross_tenant FROM PUBLIC;
