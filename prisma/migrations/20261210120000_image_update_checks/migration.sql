-- Image update detection (issue 17, docs/image-updates.md).
--
-- Containers carry what a check compares: the local image's RepoDigests and its platform
-- (`os/architecture[/variant]`), both NULL when the agent predates them. An empty array is a
-- locally built or imported image (nothing to compare: `no_local_digest`).
ALTER TABLE "containers" ADD COLUMN "repo_digests" text[],
  ADD COLUMN "image_platform" text CHECK (length("image_platform") BETWEEN 3 AND 200);
CREATE INDEX "containers_org_image_idx" ON "containers" ("org_id", "image", "image_platform")
  WHERE "removed_at" IS NULL;

-- One row per (org, image reference, platform): the latest check and when the next is due. The
-- gateway creates rows for the references its connected hosts run, leases due ones to ONE host
-- that runs the reference (lease + FOR UPDATE SKIP LOCKED, so several gateways never check the
-- same reference twice), and writes the answer back only under the lease it gave out.
CREATE TABLE "image_update_checks" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "image" text NOT NULL CHECK (length("image") BETWEEN 1 AND 1024),
  "platform" text NOT NULL CHECK (length("platform") BETWEEN 3 AND 200),
  -- NULL until the first answer.
  "status" text CHECK ("status" IN ('up_to_date', 'update_available', 'no_local_digest', 'pinned', 'error')),
  "error" text CHECK (length("error") <= 1024),
  "remote_digest" text CHECK ("remote_digest" ~ '^sha256:[0-9a-f]{64}$'),
  "platform_digest" text CHECK ("platform_digest" ~ '^sha256:[0-9a-f]{64}$'),
  -- The local digests the check compared: containers holding the same ones share its verdict.
  "checked_digests" text[] NOT NULL DEFAULT '{}',
  "newest_patch" text CHECK (length("newest_patch") <= 128),
  "newest_minor" text CHECK (length("newest_minor") <= 128),
  "newest_major" text CHECK (length("newest_major") <= 128),
  "rate_limit_limit" integer CHECK ("rate_limit_limit" >= 0),
  "rate_limit_remaining" integer CHECK ("rate_limit_remaining" >= 0),
  "checked_at" timestamptz(3),
  "checked_by_host_id" uuid,
  -- Full precision: now() rounded to milliseconds can land after now(), and a new row would not
  -- be due in the transaction that made it.
  "next_check_at" timestamptz NOT NULL DEFAULT now(),
  "lease_until" timestamptz,
  "lease_host_id" uuid,
  "lease_request_id" uuid,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("org_id", "image", "platform")
);
CREATE INDEX "image_update_checks_due_idx" ON "image_update_checks" ("org_id", "next_check_at");

-- Per-org switches: how often each reference is checked (NULL: the server's default).
CREATE TABLE "image_update_settings" (
  "org_id" uuid PRIMARY KEY REFERENCES "organizations"("id") ON DELETE CASCADE,
  "check_interval_s" integer CHECK ("check_interval_s" BETWEEN 300 AND 604800),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now()
);

SELECT berth_internal.protect_tenant_table('image_update_checks');
SELECT berth_internal.protect_tenant_table('image_update_settings');

-- Every live container with the verdict of its reference's check: the check's digests decide
-- for each container by its own repo digests (a digest names content, whatever repository it
-- was recorded under). security_invoker: the caller's RLS applies to both tables.
CREATE VIEW "container_image_updates" WITH (security_invoker = true) AS
SELECT c.org_id, c.host_id, c.short_id, c.name, c.image, c.image_platform AS platform, u.id AS check_id,
  CASE
    WHEN u.status IS NULL THEN NULL
    WHEN u.status IN ('pinned', 'error') THEN u.status
    WHEN cardinality(c.repo_digests) = 0 THEN 'no_local_digest'
    WHEN d.digests && ARRAY[u.remote_digest, u.platform_digest]
      OR (u.status = 'up_to_date' AND d.digests && u.checked_digests) THEN 'up_to_date'
    WHEN u.remote_digest IS NULL THEN u.status
    ELSE 'update_available'
  END AS status,
  u.checked_at
FROM containers c
JOIN image_update_checks u ON u.org_id = c.org_id AND u.image = c.image AND u.platform = c.image_platform
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(split_part(r, '@', 2)), '{}') AS digests FROM unnest(c.repo_digests) AS r
) d
WHERE c.removed_at IS NULL AND c.repo_digests IS NOT NULL;

-- Registry credentials per organisation (admins manage them): the password sealed at rest
-- (packages/db sealed-secrets, purpose `registry_credential`, bound to org and row), never
-- returned by the API, opened only by the gateway to put into an `image_check` frame for the
-- host that checks a reference on that registry. `registry` is the host as image references
-- name it (`docker.io`, `registry.example.com:5000`).
CREATE TABLE "registry_credentials" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "registry" text NOT NULL CHECK ("registry" ~ '^[a-z0-9.-]+(:[0-9]{1,5})?$' AND length("registry") <= 255),
  "username" text NOT NULL CHECK (length("username") BETWEEN 1 AND 256),
  "password_sealed" text NOT NULL,
  "created_by" uuid,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("org_id", "registry")
);
SELECT berth_internal.protect_tenant_table('registry_credentials');
