-- Auto-restart policies defined in the API / console (issue 16, docs/autoheal.md), targeted like
-- check definitions: one container (host + container name) or a container group. Pushed to the
-- agent in the same `config` frame as the defined checks, under the same per-host config version:
-- the check definitions' trigger function bumps it for these rows too, and a membership change
-- now also counts when the group carries a policy. A container's `berth.autoheal*` labels win.

CREATE TABLE "autoheal_policies" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "host_id" uuid,
  "container_name" text CHECK (length("container_name") BETWEEN 1 AND 255),
  "group_id" uuid,
  "mode" text NOT NULL CHECK ("mode" IN ('on-failure', 'unhealthy', 'off')),
  -- The agent's label limits (parse-autoheal-labels.ts), in seconds.
  "backoff_initial_s" integer NOT NULL CHECK ("backoff_initial_s" BETWEEN 1 AND 3600),
  "backoff_cap_s" integer NOT NULL CHECK ("backoff_cap_s" BETWEEN 1 AND 86400),
  "max_attempts" integer NOT NULL CHECK ("max_attempts" BETWEEN 1 AND 100),
  "window_s" integer NOT NULL CHECK ("window_s" BETWEEN 1 AND 86400),
  "created_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  CHECK ("backoff_cap_s" >= "backoff_initial_s"),
  CHECK (("host_id" IS NOT NULL AND "container_name" IS NOT NULL AND "group_id" IS NULL)
      OR ("host_id" IS NULL AND "container_name" IS NULL AND "group_id" IS NOT NULL)),
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE,
  FOREIGN KEY ("group_id", "org_id") REFERENCES "container_groups"("id", "org_id") ON DELETE CASCADE
);
-- One policy per target.
CREATE UNIQUE INDEX "autoheal_policies_container_key"
  ON "autoheal_policies"("org_id", "host_id", "container_name") WHERE "group_id" IS NULL;
CREATE UNIQUE INDEX "autoheal_policies_group_key"
  ON "autoheal_policies"("org_id", "group_id") WHERE "group_id" IS NOT NULL;

SELECT berth_internal.protect_tenant_table('autoheal_policies');

CREATE TRIGGER autoheal_policies_bump_config AFTER INSERT OR UPDATE OR DELETE ON "autoheal_policies"
  FOR EACH ROW EXECUTE FUNCTION berth_internal.bump_config_on_check_definition();

CREATE OR REPLACE FUNCTION berth_internal.bump_config_on_membership() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  member container_group_members := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF EXISTS (SELECT 1 FROM check_definitions d WHERE d.group_id = member.group_id)
     OR EXISTS (SELECT 1 FROM autoheal_policies a WHERE a.group_id = member.group_id) THEN
    UPDATE hosts SET config_version = config_version + 1 WHERE id = member.host_id;
  END IF;
  RETURN NULL;
END $$;
