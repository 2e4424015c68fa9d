-- Container groups (issue 15): user-defined sets of containers with a name and a colour, the
-- scope later checks, alert rules, auto-heal and update policies hang on. A member is a host
-- and a container NAME, not a container row: Docker gives a recreated container a new id but
-- keeps its name, and the group must follow it. Composite (id, org_id) foreign keys keep a
-- member in its group's and host's organisation (foreign-key checks ignore row-level security).

CREATE TABLE "container_groups" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL CHECK (length("name") BETWEEN 1 AND 100),
  -- One of the console's palette (the API checks which); the format is enforced here too.
  "colour" text NOT NULL CHECK ("colour" ~ '^#[0-9a-f]{6}$'),
  "description" text NOT NULL DEFAULT '' CHECK (length("description") <= 500),
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("org_id", "name"),
  UNIQUE ("id", "org_id")
);

CREATE TABLE "container_group_members" (
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "group_id" uuid NOT NULL,
  "host_id" uuid NOT NULL,
  "container_name" text NOT NULL CHECK (length("container_name") BETWEEN 1 AND 255),
  "added_at" timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("group_id", "host_id", "container_name"),
  FOREIGN KEY ("group_id", "org_id") REFERENCES "container_groups"("id", "org_id") ON DELETE CASCADE,
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE
);
-- The groups of a container (list and detail pages look them up by host and name).
CREATE INDEX "container_group_members_org_id_host_id_container_name_idx"
  ON "container_group_members"("org_id", "host_id", "container_name");

SELECT berth_internal.protect_tenant_table('container_groups');
SELECT berth_internal.protect_tenant_table('container_group_members');
