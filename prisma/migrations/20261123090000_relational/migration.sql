-- Relational model (mirrors prisma/schema.prisma). Row-level security follows in the next migration.

CREATE TYPE "role" AS ENUM ('owner', 'admin', 'operator', 'viewer');
CREATE TYPE "host_status" AS ENUM ('pending', 'online', 'offline');
CREATE TYPE "container_state" AS ENUM ('created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead');
CREATE TYPE "container_health" AS ENUM ('none', 'starting', 'healthy', 'unhealthy');
CREATE TYPE "action_status" AS ENUM ('queued', 'sent', 'running', 'succeeded', 'failed', 'timed_out', 'rejected');
CREATE TYPE "alert_state" AS ENUM ('firing', 'resolved');

CREATE TABLE "organizations" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "name" text NOT NULL,
  "slug" text NOT NULL UNIQUE,
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "users" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "email" text NOT NULL UNIQUE CHECK ("email" = lower("email")),
  "name" text,
  "password_hash" text,
  "email_verified" timestamptz(3),
  "failed_sign_ins" integer NOT NULL DEFAULT 0,
  "locked_until" timestamptz(3),
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "memberships" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "role" "role" NOT NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("org_id", "user_id")
);
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

CREATE TABLE "teams" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL,
  "host_selector" jsonb NOT NULL DEFAULT '{}',
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("org_id", "name"),
  UNIQUE ("id", "org_id")
);

CREATE TABLE "team_members" (
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "team_id" uuid NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  PRIMARY KEY ("team_id", "user_id"),
  FOREIGN KEY ("team_id", "org_id") REFERENCES "teams"("id", "org_id") ON DELETE CASCADE
);
CREATE INDEX "team_members_org_id_idx" ON "team_members"("org_id");

CREATE TABLE "invites" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "email" text NOT NULL,
  "role" "role" NOT NULL,
  "token_hash" text NOT NULL UNIQUE,
  "invited_by" uuid,
  "expires_at" timestamptz(3) NOT NULL,
  "accepted_at" timestamptz(3),
  "revoked_at" timestamptz(3),
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "invites_org_id_idx" ON "invites"("org_id");

CREATE TABLE "api_tokens" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL,
  "prefix" text NOT NULL,
  "token_hash" text NOT NULL UNIQUE,
  "role" "role" NOT NULL,
  "created_by" uuid,
  "expires_at" timestamptz(3),
  "last_used_at" timestamptz(3),
  "revoked_at" timestamptz(3),
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "api_tokens_org_id_idx" ON "api_tokens"("org_id");

CREATE TABLE "enrollment_tokens" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL,
  "prefix" text NOT NULL,
  "token_hash" text NOT NULL UNIQUE,
  "labels" jsonb NOT NULL DEFAULT '{}',
  "max_uses" integer CHECK ("max_uses" IS NULL OR "max_uses" > 0),
  "uses" integer NOT NULL DEFAULT 0,
  "created_by" uuid,
  "expires_at" timestamptz(3) NOT NULL,
  "revoked_at" timestamptz(3),
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("id", "org_id")
);
CREATE INDEX "enrollment_tokens_org_id_idx" ON "enrollment_tokens"("org_id");

CREATE TABLE "hosts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL,
  "hostname" text NOT NULL,
  "labels" jsonb NOT NULL DEFAULT '{}',
  "status" "host_status" NOT NULL DEFAULT 'pending',
  "agent_version" text,
  "os" text,
  "kernel" text,
  "arch" text,
  "cpus" integer,
  "mem_total" bigint,
  "docker_version" text,
  "capabilities" text[] NOT NULL DEFAULT '{}',
  "credential_hash" text NOT NULL UNIQUE,
  "enrollment_token_id" uuid,
  "last_seq" bigint NOT NULL DEFAULT 0,
  "last_seen_at" timestamptz(3),
  "revoked_at" timestamptz(3),
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("id", "org_id"),
  FOREIGN KEY ("enrollment_token_id", "org_id") REFERENCES "enrollment_tokens"("id", "org_id")
    ON DELETE SET NULL ("enrollment_token_id")
);
CREATE INDEX "hosts_org_id_status_idx" ON "hosts"("org_id", "status");

CREATE TABLE "containers" (
  "host_id" uuid NOT NULL,
  "short_id" char(12) NOT NULL,
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "docker_id" char(64) NOT NULL,
  "name" text NOT NULL,
  "image" text NOT NULL,
  "image_id" text NOT NULL,
  "labels" jsonb NOT NULL DEFAULT '{}',
  "state" "container_state" NOT NULL,
  "health" "container_health" NOT NULL DEFAULT 'none',
  "restart_count" integer NOT NULL DEFAULT 0,
  "ports" jsonb NOT NULL DEFAULT '[]',
  "created_at" timestamptz(3) NOT NULL,
  "started_at" timestamptz(3),
  "finished_at" timestamptz(3),
  "exit_code" integer,
  "removed_at" timestamptz(3),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("host_id", "short_id"),
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE
);
CREATE INDEX "containers_org_id_state_idx" ON "containers"("org_id", "state");

CREATE TABLE "actions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "host_id" uuid NOT NULL,
  "container_short_id" char(12),
  "verb" text NOT NULL,
  "params" jsonb NOT NULL DEFAULT '{}',
  "status" "action_status" NOT NULL DEFAULT 'queued',
  "output" text,
  "requested_by" uuid,
  "requested_by_token" uuid,
  "deadline" timestamptz(3) NOT NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "sent_at" timestamptz(3),
  "started_at" timestamptz(3),
  "finished_at" timestamptz(3),
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE
);
CREATE INDEX "actions_host_id_status_idx" ON "actions"("host_id", "status");
CREATE INDEX "actions_org_id_created_at_idx" ON "actions"("org_id", "created_at" DESC);

CREATE TABLE "audit_logs" (
  "id" bigserial PRIMARY KEY,
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "actor_user_id" uuid,
  "actor_token_id" uuid,
  "action" text NOT NULL,
  "target_type" text NOT NULL,
  "target_id" text,
  "details" jsonb NOT NULL DEFAULT '{}',
  "ip" text,
  "user_agent" text,
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "audit_logs_org_id_created_at_idx" ON "audit_logs"("org_id", "created_at" DESC);

CREATE TABLE "alert_rules" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL,
  "metric" text NOT NULL,
  "comparator" text NOT NULL,
  "threshold" double precision NOT NULL,
  "duration_s" integer NOT NULL DEFAULT 60,
  "selector" jsonb NOT NULL DEFAULT '{}',
  "channel_ids" uuid[] NOT NULL DEFAULT '{}',
  "enabled" boolean NOT NULL DEFAULT true,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("id", "org_id")
);
CREATE INDEX "alert_rules_org_id_idx" ON "alert_rules"("org_id");

CREATE TABLE "alerts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "rule_id" uuid NOT NULL,
  "host_id" uuid,
  "container_short_id" char(12),
  "state" "alert_state" NOT NULL DEFAULT 'firing',
  "value" double precision,
  "started_at" timestamptz(3) NOT NULL DEFAULT now(),
  "resolved_at" timestamptz(3),
  FOREIGN KEY ("rule_id", "org_id") REFERENCES "alert_rules"("id", "org_id") ON DELETE CASCADE
);
CREATE INDEX "alerts_org_id_state_idx" ON "alerts"("org_id", "state");

CREATE TABLE "notification_channels" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL,
  "kind" text NOT NULL,
  "config" jsonb NOT NULL DEFAULT '{}',
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "notification_channels_org_id_idx" ON "notification_channels"("org_id");

CREATE TABLE "ingest_gaps" (
  "id" bigserial PRIMARY KEY,
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "host_id" uuid NOT NULL,
  "from_seq" bigint NOT NULL,
  "to_seq" bigint NOT NULL,
  "dropped" integer NOT NULL,
  "reported_at" timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE
);
CREATE INDEX "ingest_gaps_org_id_idx" ON "ingest_gaps"("org_id");
CREATE INDEX "ingest_gaps_host_id_from_seq_idx" ON "ingest_gaps"("host_id", "from_seq");
