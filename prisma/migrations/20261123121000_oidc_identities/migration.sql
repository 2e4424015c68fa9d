-- Single sign-on identities. A person at an OpenID provider is (issuer, subject): the
-- subject never changes, while the e-mail may change at the provider or be given to someone
-- else later. A known identity signs in to its own user whatever its e-mail says now; the
-- e-mail only links an identity the first time it is seen.
CREATE TABLE "user_identities" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "issuer" text NOT NULL CHECK (length("issuer") BETWEEN 1 AND 500),
  "subject" text NOT NULL CHECK (length("subject") BETWEEN 1 AND 255),
  -- The provider's e-mail for this identity at its latest sign-in.
  "email" text NOT NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "last_used_at" timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT "user_identities_issuer_subject_key" UNIQUE ("issuer", "subject")
);
CREATE INDEX "user_identities_user_id_idx" ON "user_identities"("user_id");

ALTER TABLE "user_identities" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "user_identities" FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON "user_identities"
  USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);

-- Sign-in precedes knowing the user: the one look-up by (issuer, subject), returning only
-- the user id.
CREATE FUNCTION cross_tenant.find_user_by_identity(p_issuer text, p_subject text)
  RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT user_id FROM user_identities WHERE issuer = p_issuer AND subject = p_subject
$$;
REVOKE ALL ON FUNCTION cross_tenant.find_user_by_identity(text, text) FROM PUBLIC;
