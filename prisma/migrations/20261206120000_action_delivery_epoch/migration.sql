-- One action is sent once per agent connection. Each hello takes the host's next
-- connection epoch; a claim records the epoch it delivered on. A hello resends only actions
-- sent on an earlier connection (a lower epoch, or none: sent before this column existed),
-- so a nudge that claimed an action just after the socket opened is not sent a second time
-- by that socket's own hello pass, and a superseded socket's late hello pass cannot take
-- back what a newer connection was given.
ALTER TABLE "hosts" ADD COLUMN "connection_epoch" bigint NOT NULL DEFAULT 0;
ALTER TABLE "actions" ADD COLUMN "delivery_epoch" bigint;
