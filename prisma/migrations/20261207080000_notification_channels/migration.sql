-- Notification channels (issue 15): where an organisation's alerts go. The wave-1 table gains
-- what channels need (no code wrote it before, so there are no rows to convert). What may be
-- shown — the kind, its non-secret fields, a description — is stored as is; the secret fields
-- (webhook URLs, tokens, keys, SMTP passwords) are sealed with AES-256-GCM by the API before
-- they reach the table (`secrets`: `v1.<key id>.<base64url>`, bound to org, purpose and row),
-- so a dump or a replica holds no usable credential. The last delivery's outcome is kept for
-- the console. RLS, its policy and the grants stay as the table already has them.

ALTER TABLE "notification_channels"
  ADD COLUMN "secrets" text NOT NULL CHECK ("secrets" LIKE 'v1.%'),
  -- Which secret fields are sealed in `secrets` (names only), so lists need not open them.
  ADD COLUMN "secret_fields" text[] NOT NULL DEFAULT '{}',
  ADD COLUMN "description" text NOT NULL,
  ADD COLUMN "enabled" boolean NOT NULL DEFAULT true,
  ADD COLUMN "created_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  ADD COLUMN "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
  ADD COLUMN "last_delivery_at" timestamptz(3),
  ADD COLUMN "last_delivery_ok" boolean,
  ADD COLUMN "last_delivery_error" text,
  ADD CONSTRAINT "notification_channels_name_check" CHECK (length("name") BETWEEN 1 AND 100),
  ADD CONSTRAINT "notification_channels_kind_check" CHECK ("kind" ~ '^[a-z]{2,20}$'),
  ADD CONSTRAINT "notification_channels_org_id_name_key" UNIQUE ("org_id", "name"),
  ADD CONSTRAINT "notification_channels_id_org_id_key" UNIQUE ("id", "org_id");
