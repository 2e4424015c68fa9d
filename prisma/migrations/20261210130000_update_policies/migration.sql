-- Image update policies (issue 17, docs/image-updates.md): allow | warn | block per scope — the
-- organisation's default, a built-in category of images (databases, proxies, monitoring), a
-- glob on image names, a container group, or one container. A container is a host and a NAME
-- (as container_group_members): Docker gives the recreated container a new id, the policy
-- follows the name. The container label `berth.update_policy` outranks every row here and is
-- read from the container itself. Composite (id, org_id) foreign keys keep a rule in its
-- group's and host's organisation (foreign-key checks ignore row-level security).

CREATE TABLE "update_policies" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "scope" text NOT NULL CHECK ("scope" IN ('default', 'category', 'pattern', 'group', 'container')),
  "category" text CHECK ("category" IN ('databases', 'proxies', 'monitoring')),
  "pattern" text CHECK (length("pattern") BETWEEN 1 AND 200),
  "group_id" uuid,
  "host_id" uuid,
  "container_name" text CHECK (length("container_name") BETWEEN 1 AND 255),
  "policy" text NOT NULL CHECK ("policy" IN ('allow', 'warn', 'block')),
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  -- Exactly the columns of its scope are set.
  CHECK (("category" IS NOT NULL) = ("scope" = 'category')),
  CHECK (("pattern" IS NOT NULL) = ("scope" = 'pattern')),
  CHECK (("group_id" IS NOT NULL) = ("scope" = 'group')),
  CHECK (("host_id" IS NOT NULL) = ("scope" = 'container') AND ("container_name" IS NOT NULL) = ("scope" = 'container')),
  FOREIGN KEY ("group_id", "org_id") REFERENCES "container_groups"("id", "org_id") ON DELETE CASCADE,
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE
);
-- One rule per scope key: setting a policy again replaces it.
CREATE UNIQUE INDEX "update_policies_default_key" ON "update_policies"("org_id") WHERE "scope" = 'default';
CREATE UNIQUE INDEX "update_policies_category_key" ON "update_policies"("org_id", "category") WHERE "scope" = 'category';
CREATE UNIQUE INDEX "update_policies_pattern_key" ON "update_policies"("org_id", "pattern") WHERE "scope" = 'pattern';
CREATE UNIQUE INDEX "update_policies_group_key" ON "update_policies"("org_id", "group_id") WHERE "scope" = 'group';
CREATE UNIQUE INDEX "update_policies_container_key"
  ON "update_policies"("org_id", "host_id", "container_name") WHERE "scope" = 'container';

SELECT berth_internal.protect_tenant_table('update_policies');
