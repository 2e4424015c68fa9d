-- Checks defined in the API / console and pushed to the agent
-- (issue 16, docs/checks.md). A definition targets either one container (a
-- host and a container NAME, so it follows a recreated container, as group members do) or a
-- container group (expanded to the group's members on each host). Composite (id, org_id)
-- foreign keys keep a definition inside its host's / group's organisation.
--
-- Each host carries a config version: triggers below bump it in the same transaction as any
-- change that alters what that host must run (a definition on one of its containers
-- or on a group with members on it, or a membership change of such a group). The gateway
-- pushes the host's resolved config with that version and records the version the agent acked.

ALTER TABLE "hosts"
  ADD COLUMN "config_version" bigint NOT NULL DEFAULT 0,
  ADD COLUMN "config_acked_version" bigint NOT NULL DEFAULT 0,
  ADD COLUMN "config_acked_at" timestamptz(3);

CREATE TABLE "check_definitions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "host_id" uuid,
  "container_name" text CHECK (length("container_name") BETWEEN 1 AND 255),
  "group_id" uuid,
  -- The name results are stored under (with host and container name): the same series a
  -- label check of that name would have.
  "name" text NOT NULL CHECK ("name" ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  -- The check as the API contract validated it (ZCheckDefinitionSpecSchema).
  "spec" jsonb NOT NULL,
  "enabled" boolean NOT NULL DEFAULT true,
  -- Bumped on every change: the agent restarts a check whose revision changed, keeps the rest.
  "revision" integer NOT NULL DEFAULT 1,
  "created_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (("host_id" IS NOT NULL AND "container_name" IS NOT NULL AND "group_id" IS NULL)
      OR ("host_id" IS NULL AND "container_name" IS NULL AND "group_id" IS NOT NULL)),
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE,
  FOREIGN KEY ("group_id", "org_id") REFERENCES "container_groups"("id", "org_id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "check_definitions_container_name_key"
  ON "check_definitions"("org_id", "host_id", "container_name", "name") WHERE "group_id" IS NULL;
CREATE UNIQUE INDEX "check_definitions_group_name_key"
  ON "check_definitions"("org_id", "group_id", "name") WHERE "group_id" IS NOT NULL;

SELECT berth_internal.protect_tenant_table('check_definitions');

-- The hosts a definition row reaches: its own host, or every host with a member in
-- its group (old and new target on an update). Runs as the caller, so row-level security
-- applies, inside the change's own transaction.
CREATE FUNCTION berth_internal.bump_config_on_check_definition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  hosts_of uuid[] := '{}';
  groups_of uuid[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    hosts_of := hosts_of || OLD.host_id;
    groups_of := groups_of || OLD.group_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    hosts_of := hosts_of || NEW.host_id;
    groups_of := groups_of || NEW.group_id;
  END IF;
  UPDATE hosts SET config_version = config_version + 1
  WHERE id = ANY(hosts_of)
     OR id IN (SELECT m.host_id FROM container_group_members m WHERE m.group_id = ANY(groups_of));
  RETURN NULL;
END $$;

CREATE TRIGGER check_definitions_bump_config AFTER INSERT OR UPDATE OR DELETE ON "check_definitions"
  FOR EACH ROW EXECUTE FUNCTION berth_internal.bump_config_on_check_definition();

-- A container joining or leaving a group changes its host's config only when the group
-- carries checks.
CREATE FUNCTION berth_internal.bump_config_on_membership() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  member container_group_members := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  IF EXISTS (SELECT 1 FROM check_definitions d WHERE d.group_id = member.group_id) THEN
    UPDATE hosts SET config_version = config_version + 1 WHERE id = member.host_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER container_group_members_bump_config AFTER INSERT OR DELETE ON "container_group_members"
  FOR EACH ROW EXECUTE FUNCTION berth_internal.bump_config_on_membership();
