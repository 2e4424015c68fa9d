-- Multi-arch verdicts whichever host checks (issue 17, docs/image-updates.md "Per platform").
--
-- A container pulled through a multi-arch index records the INDEX digest. Hosts of one
-- organisation can hold different indexes of one tag (pulled at different times) whose child for
-- their platform is the same image. The checking agent resolves each index digest the
-- organisation's containers hold to its child for the check's platform (a GET by digest,
-- hash-checked) and the gateway keeps the answer here, so the view can give every container its
-- own verdict. A digest names immutable content: each is resolved once, never again while a live
-- container (or the tag) still holds it. `child_digest` NULL: the digest is not an index the
-- registry still has, or has no child for the platform.
CREATE TABLE "image_index_children" (
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "check_id" uuid NOT NULL REFERENCES "image_update_checks"("id") ON DELETE CASCADE,
  "index_digest" text NOT NULL CHECK ("index_digest" ~ '^sha256:[0-9a-f]{64}$'),
  "child_digest" text CHECK ("child_digest" ~ '^sha256:[0-9a-f]{64}$'),
  "resolved_at" timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("check_id", "index_digest")
);
CREATE INDEX "image_index_children_org_idx" ON "image_index_children" ("org_id");
SELECT berth_internal.protect_tenant_table('image_index_children');

-- The digests the last check was asked to resolve: judged, even when the agent (an older one)
-- did not resolve them, so the gateway does not make the check due again for them.
ALTER TABLE "image_update_checks" ADD COLUMN "judged_digests" text[] NOT NULL DEFAULT '{}';

-- As before, plus: a container whose index has the same child for the platform as the tag's
-- index now (`platform_digest`) is up to date, whichever host made the check.
CREATE OR REPLACE VIEW "container_image_updates" WITH (security_invoker = true) AS
SELECT c.org_id, c.host_id, c.short_id, c.name, c.image, c.image_platform AS platform, u.id AS check_id,
  CASE
    WHEN u.status IS NULL THEN NULL
    WHEN u.status IN ('pinned', 'error') THEN u.status
    WHEN cardinality(c.repo_digests) = 0 THEN 'no_local_digest'
    WHEN d.digests && ARRAY[u.remote_digest, u.platform_digest]
      OR (u.status = 'up_to_date' AND d.digests && u.checked_digests)
      OR EXISTS (SELECT 1 FROM image_index_children x
                 WHERE x.check_id = u.id AND x.index_digest = ANY(d.digests)
                   AND x.child_digest = u.platform_digest) THEN 'up_to_date'
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
