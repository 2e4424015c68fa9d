export type { ClaimedMinutes, RollupOptions, RollupRun } from './roll-up-dirty-minutes.js';
export {
  claimDirtyMinutes,
  defaultSettledBefore,
  rollUpClaimed,
  rollUpDirtyMinutes,
} from './roll-up-dirty-minutes.js';
export { CONTAINER_MINUTE_AGGREGATES, HOST_MINUTE_AGGREGATES } from './rollup-sql.js';
