export {
  checkoutKey,
  choosePostgresLayout,
  DEFAULT_STATE_ROOT,
  type LayoutInput,
  type PostgresLayout,
} from './choose-postgres-layout.js';
export {
  discardLocalPostgres,
  type LocalPostgres,
  type LocalPostgresOptions,
  startLocalPostgres,
} from './start-local-postgres.js';
