export type { StagedTable } from './ingest-sql.js';
export {
  ADVANCE_HOSTS,
  copyInto,
  INSERT_GAPS,
  LOCK_HOSTS,
  MARK_ABSENT_REMOVED,
  MARK_REMOVED,
  promoteStaged,
  STAGING_DDL,
  UPSERT_CONTAINERS,
} from './ingest-sql.js';
