// The protocol defines how its ISO timestamps map to stored microseconds (columnar samples carry those).
export { timestampMicros } from '@berth/protocol';
export {
  BatchColumns,
  type ContainerSampleColumnValues,
  type ContainerSampleValues,
  type HostSampleValues,
} from './batch-columns.js';
export { BinaryArray, OID } from './binary-array.js';
export { CheckResultColumns, type CheckResultValues } from './check-result-columns.js';
export { WRITE_CHECK_RESULTS, WRITE_CHECK_RESULTS_NAME } from './check-results-sql.js';
export {
  LOCK_HOSTS,
  MARK_ABSENT_REMOVED,
  MARK_REMOVED,
  ROW_TABLES,
  type RowTable,
  UPSERT_CONTAINERS,
  WRITE_BATCH_ROWS,
  WRITE_BATCH_ROWS_NAME,
} from './ingest-sql.js';
export { promoteStaged, STAGING_DDL, type StagedTable } from './staged-sql.js';
export { textFloat4 } from './text-float4.js';
