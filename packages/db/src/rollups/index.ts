export type { ClaimedHours, ClaimedMinutes, RollupOptions, RollupRun } from './roll-up-dirty-minutes.js';
export {
  claimDirtyHours,
  claimDirtyMinutes,
  defaultSettledBefore,
  rollUpClaimed,
  rollUpClaimedHours,
  rollUpDirtyMinutes,
} from './roll-up-dirty-minutes.js';
export {
  CHECK_MINUTE_AGGREGATES,
  CONTAINER_MINUTE_AGGREGATES,
  HOST_MINUTE_AGGREGATES,
} from './rollup-sql.js';
