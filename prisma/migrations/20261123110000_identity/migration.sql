-- Identity: console sessions that can be listed and revoked, password-reset links, and the
-- cross-tenant look-ups that precede knowing the organisation (sign-in with lockout, session
-- check, invite and reset links). Sessions and resets belong to a user, not an organisation:
-- their policy compares user_id with the transaction's `app.user_id`.

-- A row per Auth.js sign-in; the JWT carries its id as `sid`. A cookie whose sid is unknown,
-- revoked or expired is refused, which is what makes JWT sessions revocable.
CREATE TABLE "user_sessions" (
  "id" text PRIMARY KEY CHECK (length("id") BETWEEN 20 AND 100),
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "last_seen_at" timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at" timestamptz(3) NOT NULL,
  "user_agent" text,
  "ip" text,
  "revoked_at" timestamptz(3)
);
CREATE INDEX "user_sessions_user_id_created_at_idx" ON "user_sessions"("user_id", "created_at" DESC);

-- Single-use, expiring password-reset links; only the SHA-256 of the link's secret is kept.
CREATE TABLE "password_resets" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "token_hash" text NOT NULL UNIQUE,
  "expires_at" timestamptz(3) NOT NULL,
  "used_at" timestamptz(3),
  "ip" text,
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "password_resets_user_id_idx" ON "password_resets"("user_id");

DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['user_sessions', 'password_resets'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format(
      'CREATE POLICY own_rows ON %I USING (user_id = NULLIF(current_setting(''app.user_id'', true), '''')::uuid) WITH CHECK (user_id = NULLIF(current_setting(''app.user_id'', true), '''')::uuid)',
      tbl);
  END LOOP;
END $$;

-- Invites are addressed to one e-mail; stored lower-case so look-ups by address are exact.
ALTER TABLE "invites" ADD CONSTRAINT "invites_email_lower" CHECK ("email" = lower("email"));
CREATE INDEX "invites_email_idx" ON "invites"("email");
CREATE INDEX "api_tokens_org_id_created_at_idx" ON "api_tokens"("org_id", "created_at" DESC);
CREATE INDEX "audit_logs_org_id_id_idx" ON "audit_logs"("org_id", "id" DESC);

-- Sign-in, step 1. The attempt is counted as a failure *before* the password is checked
-- (finish_sign_in clears it on success), so parallel guesses cannot outrun the lock: the
-- 5th consecutive failure locks the account for 15 minutes, and a locked account's hash
-- is not even returned. An expired lock starts a fresh count. Fixed limits, not
-- parameters, so the runtime role cannot lock anyone out for longer.
CREATE FUNCTION cross_tenant.begin_sign_in(p_email text)
  RETURNS TABLE (user_id uuid, password_hash text, allowed boolean)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  u users%ROWTYPE;
  failures integer;
BEGIN
  SELECT * INTO u FROM users WHERE email = lower(p_email) FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF u.locked_until IS NOT NULL AND u.locked_until > now() THEN
    RETURN QUERY SELECT u.id, NULL::text, false;
    RETURN;
  END IF;
  failures := CASE WHEN u.locked_until IS NULL THEN u.failed_sign_ins ELSE 0 END + 1;
  UPDATE users SET failed_sign_ins = failures,
    locked_until = CASE WHEN failures >= 5 THEN now() + interval '15 minutes' END
  WHERE id = u.id;
  RETURN QUERY SELECT u.id, u.password_hash, true;
END $$;

-- Sign-in, step 2, only after the password verified: the attempt was not a failure.
CREATE FUNCTION cross_tenant.finish_sign_in(p_user_id uuid)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = p_user_id
$$;

-- A session cookie's sid → live or not (bound to the cookie's user). Records the use at
-- most once a minute, so a busy console does not write on every request.
CREATE FUNCTION cross_tenant.touch_user_session(p_session_id text, p_user_id uuid)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  seen timestamptz;
BEGIN
  SELECT s.last_seen_at INTO seen FROM user_sessions s
  WHERE s.id = p_session_id AND s.user_id = p_user_id AND s.revoked_at IS NULL AND s.expires_at > now();
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF seen < now() - interval '1 minute' THEN
    UPDATE user_sessions SET last_seen_at = now() WHERE id = p_session_id;
  END IF;
  RETURN true;
END $$;

-- An invite link (hash) → what the invitee needs to see and the org to join.
CREATE FUNCTION cross_tenant.find_invite(p_token_hash text)
  RETURNS TABLE (invite_id uuid, org_id uuid, org_name text, email text, role role, status text, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT i.id, i.org_id, o.name, i.email, i.role,
    CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted'
         WHEN i.revoked_at IS NOT NULL THEN 'revoked'
         WHEN i.expires_at <= now() THEN 'expired'
         ELSE 'pending' END,
    i.expires_at
  FROM invites i JOIN organizations o ON o.id = i.org_id
  WHERE i.token_hash = p_token_hash
$$;

-- Pending invites addressed to an e-mail an identity provider has verified (OIDC sign-up).
CREATE FUNCTION cross_tenant.pending_invites_for_email(p_email text)
  RETURNS TABLE (invite_id uuid, org_id uuid, role role)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT i.id, i.org_id, i.role FROM invites i
  WHERE i.email = lower(p_email) AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
  ORDER BY i.created_at
$$;

-- A reset link for the account of an e-mail, valid 1 hour; nothing when no such account.
CREATE FUNCTION cross_tenant.issue_password_reset(p_email text, p_token_hash text, p_ip text)
  RETURNS TABLE (user_id uuid, email text, name text)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  WITH u AS (SELECT users.id, users.email, users.name FROM users WHERE users.email = lower(p_email)),
  r AS (INSERT INTO password_resets (user_id, token_hash, expires_at, ip)
        SELECT u.id, p_token_hash, now() + interval '1 hour', p_ip FROM u)
  SELECT u.id, u.email, u.name FROM u
$$;

-- Uses a reset link, once: status ok | unknown | used | expired. Using one spends every
-- other outstanding link of the same user too.
CREATE FUNCTION cross_tenant.consume_password_reset(p_token_hash text)
  RETURNS TABLE (status text, user_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r password_resets%ROWTYPE;
BEGIN
  SELECT * INTO r FROM password_resets WHERE token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::uuid; RETURN;
  ELSIF r.used_at IS NOT NULL THEN
    RETURN QUERY SELECT 'used'::text, NULL::uuid; RETURN;
  ELSIF r.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, NULL::uuid; RETURN;
  END IF;
  UPDATE password_resets SET used_at = now() WHERE password_resets.user_id = r.user_id AND used_at IS NULL;
  RETURN QUERY SELECT 'ok'::text, r.user_id;
END $$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cross_tenant FROM PUBLIC;
