-- Exec terminals (issue 18, docs/exec.md). Every `docker exec` session opened from the console
-- is a row here from the moment it is granted until it ends (who, which host and container, the
-- command, when, bytes each way, exit code), beside its audit log entries. `transcript` holds the
-- output (at most 5 MiB) when the org records transcripts. `exec_settings` is the org's switches:
-- operators may open terminals only where an admin allowed it, and recording is off by default.

CREATE TABLE "exec_sessions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "host_id" uuid NOT NULL,
  "container_id" text NOT NULL CHECK ("container_id" ~ '^[0-9a-f]{12}$'),
  "container_name" text NOT NULL DEFAULT '' CHECK (length("container_name") <= 255),
  -- The user is kept as a plain id (no foreign key): the audit trail outlives the account.
  "user_id" uuid NOT NULL,
  "user_email" text NOT NULL DEFAULT '',
  "command" text[] NOT NULL CHECK (cardinality("command") BETWEEN 1 AND 64),
  -- pending (granted, socket not yet open) → open → ended
  "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'open', 'ended')),
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "started_at" timestamptz(3),
  "ended_at" timestamptz(3),
  "end_reason" text CHECK (length("end_reason") <= 1000),
  "exit_code" integer,
  "bytes_in" bigint NOT NULL DEFAULT 0 CHECK ("bytes_in" >= 0),
  "bytes_out" bigint NOT NULL DEFAULT 0 CHECK ("bytes_out" >= 0),
  "recorded" boolean NOT NULL DEFAULT false,
  "transcript" bytea CHECK (octet_length("transcript") <= 5242880),
  "transcript_truncated" boolean NOT NULL DEFAULT false,
  UNIQUE ("id", "org_id"),
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE
);
CREATE INDEX "exec_sessions_org_id_created_at_idx" ON "exec_sessions"("org_id", "created_at" DESC);

CREATE TABLE "exec_settings" (
  "org_id" uuid PRIMARY KEY REFERENCES "organizations"("id") ON DELETE CASCADE,
  "operators_allowed" boolean NOT NULL DEFAULT false,
  "record_transcripts" boolean NOT NULL DEFAULT false,
  "updated_at" timestamptz(3) NOT NULL DEFAULT now()
);

SELECT berth_internal.protect_tenant_table('exec_sessions');
SELECT berth_internal.protect_tenant_table('exec_settings');
