-- Automatic image updates (issue 17, docs/image-updates.md "Automatic updates"). An organisation
-- may let Berth apply updates to containers whose update policy is `allow`, inside a weekly
-- window in a time zone (the mute windows' recurrence: weekdays, start minute, duration).
-- A rollout is one image reference moving to one remote digest: its containers are updated one
-- at a time, the next only after the previous update succeeded; the first failure stops it
-- (status `failed`, with the container and the agent's reason). The row is the claim: a runner
-- takes it FOR UPDATE SKIP LOCKED and dispatches at most one action under it, so two alerters
-- never dispatch an update twice.

CREATE TABLE "auto_update_settings" (
  "org_id" uuid PRIMARY KEY REFERENCES "organizations"("id") ON DELETE CASCADE,
  "enabled" boolean NOT NULL DEFAULT false,
  "time_zone" text NOT NULL CHECK (length("time_zone") BETWEEN 1 AND 64),
  "weekdays" smallint[] NOT NULL CHECK (cardinality("weekdays") BETWEEN 1 AND 7 AND 0 <= ALL ("weekdays") AND 6 >= ALL ("weekdays")),
  "start_minute" integer NOT NULL CHECK ("start_minute" BETWEEN 0 AND 1439),
  "duration_minutes" integer NOT NULL CHECK ("duration_minutes" BETWEEN 1 AND 10080),
  "health_timeout_s" integer NOT NULL DEFAULT 60 CHECK ("health_timeout_s" BETWEEN 5 AND 1800),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now()
);
SELECT berth_internal.protect_tenant_table('auto_update_settings');

CREATE TABLE "auto_update_rollouts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "image" text NOT NULL,
  "platform" text NOT NULL,
  "remote_digest" text NOT NULL,
  "status" text NOT NULL DEFAULT 'running' CHECK ("status" IN ('running', 'succeeded', 'failed')),
  -- The update in flight (at most one); NULL between two.
  "current_action_id" uuid REFERENCES "actions"("id") ON DELETE SET NULL,
  -- Containers already dispatched, as 'host_id/name' (a recreate changes the id, not the name).
  "dispatched" text[] NOT NULL DEFAULT '{}',
  "failed_host_id" uuid,
  "failed_container" text,
  "failure" text,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  "finished_at" timestamptz(3),
  UNIQUE ("org_id", "image", "platform", "remote_digest")
);
CREATE INDEX "auto_update_rollouts_running_idx" ON "auto_update_rollouts"("org_id") WHERE "status" = 'running';
SELECT berth_internal.protect_tenant_table('auto_update_rollouts');

-- The organisations whose automatic updates are on: the alerter's auto-update pass visits these.
CREATE FUNCTION berth_maintenance.orgs_with_auto_updates()
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT org_id FROM auto_update_settings WHERE enabled
$$;
REVOKE ALL ON FUNCTION berth_maintenance.orgs_with_auto_updates() FROM PUBLIC;
