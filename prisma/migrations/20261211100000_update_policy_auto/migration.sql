-- Per-rule automatic updates (issue 17, docs/image-updates.md "Automatic updates"): a fourth
-- update policy, `auto` — updates allowed by hand as with `allow`, AND applied by the alerter
-- inside the organisation's maintenance window. Automatic updates touch only containers whose
-- resolved policy is `auto` (a rule or the `berth.update_policy` label opts them in).

ALTER TABLE "update_policies" DROP CONSTRAINT "update_policies_policy_check";
ALTER TABLE "update_policies" ADD CONSTRAINT "update_policies_policy_check"
  CHECK ("policy" IN ('auto', 'allow', 'warn', 'block'));

-- How many `auto` containers of the rollout's reference were still waiting after its last
-- step (the console shows done / dispatched + remaining).
ALTER TABLE "auto_update_rollouts" ADD COLUMN "remaining" integer NOT NULL DEFAULT 0 CHECK ("remaining" >= 0);
