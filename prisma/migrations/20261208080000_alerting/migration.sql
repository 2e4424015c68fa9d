-- Alerting (issue 15): rules, alerts with their full history, silences and mute windows. The
-- wave-1 `alert_rules` / `alerts` tables were placeholders no code wrote (no API, no evaluator),
-- so they are replaced rather than converted. Design: docs/alerting-plan.md.
--
-- Every table is tenant-scoped (org_id, RLS via protect_tenant_table) and every reference to
-- another tenant table is a composite (id, org_id) foreign key: foreign-key checks ignore row
-- level security, so the composite key is what keeps a rule's alert in the rule's organisation.

DROP TABLE "alerts";
DROP TABLE "alert_rules";
DROP TYPE "alert_state";

CREATE TYPE "alert_state" AS ENUM ('pending', 'firing', 'resolved');

CREATE TABLE "alert_rules" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL CHECK (length("name") BETWEEN 1 AND 200),
  "description" text NOT NULL DEFAULT '' CHECK (length("description") <= 1000),
  -- container_metric | host_metric | container_state | host_offline | agent_outdated |
  -- log_pattern, and later kinds (checks, image updates). `params` is validated per kind by
  -- the contract's schemas (packages/api-contract/src/alert-rules.ts) before it is written.
  "kind" text NOT NULL CHECK ("kind" ~ '^[a-z][a-z_]{1,39}$'),
  "params" jsonb NOT NULL,
  -- Which objects the rule watches: host ids, host labels, container name glob, container
  -- labels, container groups (all optional, AND-ed). Empty: the whole organisation.
  "scope" jsonb NOT NULL DEFAULT '{}',
  "severity" text NOT NULL CHECK ("severity" IN ('info', 'warning', 'critical')),
  -- How long the condition must hold before pending becomes firing (Prometheus's `for`).
  "for_s" integer NOT NULL DEFAULT 0 CHECK ("for_s" BETWEEN 0 AND 86400),
  -- How long a firing alert stays firing after its condition clears (no flapping spam).
  "keep_firing_for_s" integer NOT NULL DEFAULT 0 CHECK ("keep_firing_for_s" BETWEEN 0 AND 86400),
  -- Re-notify a still-firing alert this often (0: never), at most max_repeats times (null: no cap).
  "repeat_interval_s" integer NOT NULL DEFAULT 14400
    CHECK ("repeat_interval_s" = 0 OR "repeat_interval_s" BETWEEN 60 AND 604800),
  "max_repeats" integer CHECK ("max_repeats" BETWEEN 0 AND 1000),
  -- Alertmanager's grouping: alerts sharing these label values go out as one message, first
  -- after group_wait, then at most every group_interval while the group changes.
  "group_by" text[] NOT NULL DEFAULT '{rule,host}',
  "group_wait_s" integer NOT NULL DEFAULT 30 CHECK ("group_wait_s" BETWEEN 0 AND 3600),
  "group_interval_s" integer NOT NULL DEFAULT 300 CHECK ("group_interval_s" BETWEEN 0 AND 86400),
  "channel_ids" uuid[] NOT NULL DEFAULT '{}',
  "enabled" boolean NOT NULL DEFAULT true,
  "created_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("org_id", "name"),
  UNIQUE ("id", "org_id")
);
CREATE INDEX "alert_rules_org_id_kind_idx" ON "alert_rules"("org_id", "kind") WHERE "enabled";

CREATE TABLE "alerts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "rule_id" uuid NOT NULL,
  -- Hash of (rule, scope object): one condition is one alert however many batches repeat it.
  "fingerprint" text NOT NULL CHECK (length("fingerprint") BETWEEN 8 AND 128),
  "state" "alert_state" NOT NULL,
  "severity" text NOT NULL CHECK ("severity" IN ('info', 'warning', 'critical')),
  -- The object: a host, a container on it (by name, as groups follow containers), or neither.
  "host_id" uuid,
  "container_name" text,
  "container_id" text,
  "labels" jsonb NOT NULL DEFAULT '{}',
  "summary" text NOT NULL CHECK (length("summary") BETWEEN 1 AND 1000),
  "value" double precision,
  "pending_since" timestamptz(3) NOT NULL,
  "fired_at" timestamptz(3),
  "resolved_at" timestamptz(3),
  -- The last evaluation that saw the condition true; with keep_firing_for_s it decides resolve.
  "last_true_at" timestamptz(3) NOT NULL,
  "acked_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "acked_at" timestamptz(3),
  "ack_comment" text CHECK (length("ack_comment") <= 1000),
  "last_notified_at" timestamptz(3),
  "notify_count" integer NOT NULL DEFAULT 0,
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY ("rule_id", "org_id") REFERENCES "alert_rules"("id", "org_id") ON DELETE CASCADE,
  FOREIGN KEY ("host_id", "org_id") REFERENCES "hosts"("id", "org_id") ON DELETE CASCADE,
  UNIQUE ("id", "org_id"),
  CHECK ("state" <> 'firing' OR "fired_at" IS NOT NULL),
  CHECK ("state" <> 'resolved' OR "resolved_at" IS NOT NULL)
);
-- One open (pending or firing) alert per fingerprint: every transition is an
-- INSERT … ON CONFLICT / UPDATE … WHERE state = <expected>, so two evaluators racing on the
-- same event make one transition between them.
CREATE UNIQUE INDEX "alerts_open_fingerprint_key" ON "alerts"("org_id", "fingerprint")
  WHERE "state" <> 'resolved';
CREATE INDEX "alerts_org_id_state_idx" ON "alerts"("org_id", "state", "pending_since" DESC);
CREATE INDEX "alerts_org_id_host_id_idx" ON "alerts"("org_id", "host_id", "pending_since" DESC);
CREATE INDEX "alerts_org_id_rule_id_idx" ON "alerts"("org_id", "rule_id", "pending_since" DESC);

-- Every change of an alert, by whom: the evaluator's transitions (pending, firing, resolved),
-- people's (acknowledged, unacknowledged) and what delivery did (notified, suppressed).
CREATE TABLE "alert_events" (
  "id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "alert_id" uuid NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN
    ('pending', 'firing', 'resolved', 'acknowledged', 'unacknowledged', 'notified', 'suppressed')),
  "at" timestamptz(3) NOT NULL DEFAULT now(),
  -- A user for people's changes; null for the evaluator and delivery.
  "actor_id" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "value" double precision,
  -- Free detail: the channel notified, the silence or window that suppressed, a comment.
  "details" jsonb NOT NULL DEFAULT '{}',
  FOREIGN KEY ("alert_id", "org_id") REFERENCES "alerts"("id", "org_id") ON DELETE CASCADE
);
CREATE INDEX "alert_events_org_id_alert_id_idx" ON "alert_events"("org_id", "alert_id", "id");

-- Silences, as Alertmanager's: matchers over an alert's labels and a time range. Created from
-- an alert in one click (its labels become the matchers), expired early by hand.
CREATE TABLE "alert_silences" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  -- [{ "label": "host", "op": "=" | "!=" | "=~" | "!~", "value": "…" }, …], all must match.
  "matchers" jsonb NOT NULL CHECK (jsonb_typeof("matchers") = 'array' AND jsonb_array_length("matchers") BETWEEN 1 AND 20),
  "starts_at" timestamptz(3) NOT NULL,
  "ends_at" timestamptz(3) NOT NULL,
  "comment" text NOT NULL CHECK (length("comment") BETWEEN 1 AND 1000),
  "created_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "expired_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  UNIQUE ("id", "org_id"),
  CHECK ("ends_at" > "starts_at")
);
CREATE INDEX "alert_silences_org_id_ends_at_idx" ON "alert_silences"("org_id", "ends_at" DESC);

-- Recurring mute windows in a time zone: maintenance (mute everything that matches) and quiet
-- hours (mute the listed severities; critical usually bypasses). Weekdays 0 = Sunday … 6.
CREATE TABLE "alert_mute_windows" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "name" text NOT NULL CHECK (length("name") BETWEEN 1 AND 100),
  "kind" text NOT NULL CHECK ("kind" IN ('maintenance', 'quiet_hours')),
  -- Same shape as a silence's; empty: every alert of the organisation.
  "matchers" jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof("matchers") = 'array'),
  "severities" text[] NOT NULL DEFAULT '{info,warning,critical}'
    CHECK ("severities" <@ '{info,warning,critical}'::text[] AND cardinality("severities") > 0),
  "time_zone" text NOT NULL,
  "weekdays" smallint[] NOT NULL CHECK ("weekdays" <@ '{0,1,2,3,4,5,6}'::smallint[] AND cardinality("weekdays") > 0),
  "start_minute" integer NOT NULL CHECK ("start_minute" BETWEEN 0 AND 1439),
  "duration_minutes" integer NOT NULL CHECK ("duration_minutes" BETWEEN 1 AND 10080),
  "enabled" boolean NOT NULL DEFAULT true,
  "created_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE ("org_id", "name"),
  UNIQUE ("id", "org_id")
);

SELECT berth_internal.protect_tenant_table('alert_rules');
SELECT berth_internal.protect_tenant_table('alerts');
SELECT berth_internal.protect_tenant_table('alert_events');
SELECT berth_internal.protect_tenant_table('alert_silences');
SELECT berth_internal.protect_tenant_table('alert_mute_windows');
