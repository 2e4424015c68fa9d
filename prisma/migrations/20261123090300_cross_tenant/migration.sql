-- The cross-tenant path. The runtime role never bypasses row-level security; the few
-- look-ups that must happen before an organisation is known (an agent presenting a
-- credential, a person signing in, a bearer token) are these SECURITY DEFINER functions.
-- Each takes a hash or an id, returns the minimum needed to set the org context, and is
-- reviewed as a unit. packages/db/src/cross-tenant.ts is their only caller.

CREATE SCHEMA cross_tenant;
REVOKE ALL ON SCHEMA cross_tenant FROM PUBLIC;

-- An agent's host credential (hash) → its host and organisation.
CREATE FUNCTION cross_tenant.authenticate_host(p_credential_hash text)
  RETURNS TABLE (host_id uuid, org_id uuid, revoked boolean, last_seq bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT h.id, h.org_id, h.revoked_at IS NOT NULL, h.last_seq
  FROM hosts h WHERE h.credential_hash = p_credential_hash
$$;

-- Takes one use of an enrolment token, atomically. status: ok | unknown | expired | revoked | exhausted.
CREATE FUNCTION cross_tenant.consume_enrollment_token(p_token_hash text)
  RETURNS TABLE (status text, token_id uuid, org_id uuid, labels jsonb)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  t enrollment_tokens%ROWTYPE;
BEGIN
  SELECT * INTO t FROM enrollment_tokens WHERE token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::uuid, NULL::uuid, NULL::jsonb; RETURN;
  ELSIF t.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'revoked'::text, t.id, NULL::uuid, NULL::jsonb; RETURN;
  ELSIF t.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, t.id, NULL::uuid, NULL::jsonb; RETURN;
  ELSIF t.max_uses IS NOT NULL AND t.uses >= t.max_uses THEN
    RETURN QUERY SELECT 'exhausted'::text, t.id, NULL::uuid, NULL::jsonb; RETURN;
  END IF;
  UPDATE enrollment_tokens SET uses = uses + 1 WHERE id = t.id;
  RETURN QUERY SELECT 'ok'::text, t.id, t.org_id, t.labels;
END $$;

-- Sign-in by e-mail: the password hash and lockout state, nothing else.
CREATE FUNCTION cross_tenant.find_user_for_sign_in(p_email text)
  RETURNS TABLE (user_id uuid, password_hash text, failed_sign_ins integer, locked_until timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT u.id, u.password_hash, u.failed_sign_ins, u.locked_until FROM users u WHERE u.email = lower(p_email)
$$;

-- The organisations a signed-in user may switch between.
CREATE FUNCTION cross_tenant.user_memberships(p_user_id uuid)
  RETURNS TABLE (org_id uuid, org_name text, org_slug text, role role)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT o.id, o.name, o.slug, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id
  WHERE m.user_id = p_user_id ORDER BY o.name
$$;

-- A bearer API token (hash) → its organisation and role; records the use.
CREATE FUNCTION cross_tenant.authenticate_api_token(p_token_hash text)
  RETURNS TABLE (token_id uuid, org_id uuid, role role, created_by uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE api_tokens t SET last_used_at = now()
  WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
  RETURNING t.id, t.org_id, t.role, t.created_by
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cross_tenant FROM PUBLIC;
