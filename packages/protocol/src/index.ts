export type { CloseCode, CloseCodeName } from './close-codes.js';
export { boundText, CLOSE_CODES, toCloseReason } from './close-codes.js';
export { toColumnarBatch } from './columnar-batch.js';
export { compareSemver } from './compare-semver.js';
export { decodeAgentFrame, decodeGatewayFrame } from './decode-frame.js';
export type { DecodeFailure, DecodeResult } from './decode-result.js';
export { encodeFrame } from './encode-frame.js';
export type { DecodeLimits, Limits } from './limits.js';
export { LIMITS } from './limits.js';
export type {
  ActionFrame,
  ActionParams,
  ActionProgressFrame,
  ActionResultFrame,
  ActionStatus,
  ActionTarget,
  ActionVerb,
  UpdateStage,
} from './schemas/actions.js';
export {
  ACTION_STATUSES,
  ACTION_VERBS,
  CONTAINER_VERBS,
  HOST_VERBS,
  UPDATE_STAGES,
  ZActionFrameSchema,
  ZActionParamsSchema,
  ZActionProgressFrameSchema,
  ZActionResultFrameSchema,
  ZActionStatusSchema,
  ZActionTargetSchema,
  ZActionVerbSchema,
  ZImageReferenceSchema,
  ZUpdateStageSchema,
} from './schemas/actions.js';
export type { AckFrame, BatchFrame, BatchGap } from './schemas/batch.js';
export {
  ACK_STATUSES,
  countBatchItems,
  ZAckFrameSchema,
  ZBatchFrameSchema,
  ZBatchGapSchema,
} from './schemas/batch.js';
export type {
  ConfigAckFrame,
  ConfigFrame,
  ConfiguredAutoheal,
  ConfiguredCheck,
} from './schemas/check-config.js';
export {
  MAX_CONFIGURED_CHECKS,
  ZConfigAckFrameSchema,
  ZConfigFrameSchema,
  ZConfiguredAutohealSchema,
  ZConfiguredCheckSchema,
} from './schemas/check-config.js';
export type {
  CheckKind,
  CheckResult,
  CheckSpec,
  CheckStatus,
  ContainerCheckResult,
  KeywordMatch,
} from './schemas/checks.js';
export {
  CHECK_KINDS,
  CHECK_STATUSES,
  HTTP_METHODS,
  ZCheckKindSchema,
  ZCheckNameSchema,
  ZCheckResultSchema,
  ZCheckSpecSchema,
  ZCheckStatusSchema,
  ZContainerCheckResultSchema,
  ZKeywordMatchSchema,
} from './schemas/checks.js';
export type {
  ContainerEvent,
  HealthResult,
  LiveLogEntry,
  LogEntry,
  LogStream,
} from './schemas/container-records.js';
export {
  LOG_ENTRY_BOUNDS,
  LOG_STREAMS,
  ZContainerEventSchema,
  ZHealthResultSchema,
  ZLiveLogEntrySchema,
  ZLogEntrySchema,
  ZLogStreamSchema,
} from './schemas/container-records.js';
export type { ErrorFrame, PingFrame, PongFrame } from './schemas/control.js';
export { ZErrorFrameSchema, ZPingFrameSchema, ZPongFrameSchema } from './schemas/control.js';
export type { EnrolRequest, EnrolResponse, HttpError } from './schemas/enrolment.js';
export { ZEnrolRequestSchema, ZEnrolResponseSchema, ZHttpErrorSchema } from './schemas/enrolment.js';
export type {
  ExecAckFrame,
  ExecCloseFrame,
  ExecErrorFrame,
  ExecOpenedFrame,
  ExecOpenFrame,
  ExecResizeFrame,
  ExecStdinFrame,
  ExecStdoutFrame,
} from './schemas/exec.js';
export {
  MAX_EXEC_CHUNK_BYTES,
  MAX_EXEC_WINDOW_BYTES,
  ZExecAckFrameSchema,
  ZExecCloseFrameSchema,
  ZExecDataSchema,
  ZExecErrorFrameSchema,
  ZExecOpenedFrameSchema,
  ZExecOpenFrameSchema,
  ZExecResizeFrameSchema,
  ZExecStdinFrameSchema,
  ZExecStdoutFrameSchema,
  ZTerminalColsSchema,
  ZTerminalRowsSchema,
} from './schemas/exec.js';
export type { AgentFrame, AgentFrameType, GatewayFrame, GatewayFrameType } from './schemas/frames.js';
export {
  AGENT_FRAME_SCHEMAS,
  GATEWAY_FRAME_SCHEMAS,
  ZAgentFrameSchema,
  ZGatewayFrameSchema,
} from './schemas/frames.js';
export type {
  Capability,
  Encoding,
  HelloFrame,
  HostFacts,
  Intervals,
  SessionLimits,
  WelcomeFrame,
} from './schemas/handshake.js';
export {
  CAPABILITIES,
  ENCODINGS,
  ZCapabilitySchema,
  ZEncodingSchema,
  ZHelloFrameSchema,
  ZHostFactsSchema,
  ZIntervalsSchema,
  ZSessionLimitsSchema,
  ZWelcomeFrameSchema,
} from './schemas/handshake.js';
export type {
  FleetDigest,
  ImageCheckFrame,
  ImageCheckItem,
  ImageCheckOutcome,
  ImageCheckResultFrame,
  ImageCheckStatus,
  RegistryLogin,
} from './schemas/image-checks.js';
export {
  IMAGE_CHECK_STATUSES,
  MAX_IMAGE_CHECKS_PER_FRAME,
  MAX_INDEX_RESOLVES_PER_ITEM,
  ZFleetDigestSchema,
  ZImageCheckFrameSchema,
  ZImageCheckItemSchema,
  ZImageCheckOutcomeSchema,
  ZImageCheckResultFrameSchema,
  ZImageCheckStatusSchema,
  ZRegistryLoginSchema,
} from './schemas/image-checks.js';
export type {
  ContainerHealth,
  ContainerState,
  ImagePlatform,
  Inventory,
  InventoryContainer,
  Labels,
  Port,
} from './schemas/inventory.js';
export {
  CONTAINER_HEALTH,
  CONTAINER_STATES,
  ZContainerHealthSchema,
  ZContainerStateSchema,
  ZImagePlatformSchema,
  ZInventoryContainerSchema,
  ZInventorySchema,
  ZLabelsSchema,
  ZPortSchema,
  ZRepoDigestSchema,
} from './schemas/inventory.js';
export type { LogLinesFrame, LogsFollowFrame, LogsStopFrame } from './schemas/live-logs.js';
export { ZLogLinesFrameSchema, ZLogsFollowFrameSchema, ZLogsStopFrameSchema } from './schemas/live-logs.js';
export type { LogColumns } from './schemas/log-columns.js';
export { toLogColumns, ZLogColumnsSchema } from './schemas/log-columns.js';
export {
  ZContainerRefSchema,
  ZFullContainerIdSchema,
  ZImageIdSchema,
  ZSemverSchema,
  ZShortContainerIdSchema,
  ZTimestampSchema,
} from './schemas/primitives.js';
export type { ContainerSampleColumns } from './schemas/sample-columns.js';
export {
  countSampleColumns,
  TS_MICROS_BOUNDS,
  toContainerSampleColumns,
  ZContainerSampleColumnsSchema,
} from './schemas/sample-columns.js';
export type { ContainerSample, DiskUsage, HostSample } from './schemas/samples.js';
export {
  CONTAINER_SAMPLE_NUMBERS,
  MAX_CONTAINER_CPU_PCT,
  MAX_CONTAINER_CPU_SECONDS,
  ZContainerSampleSchema,
  ZDiskUsageSchema,
  ZHostSampleSchema,
} from './schemas/samples.js';
export { timestampMicros } from './timestamp-micros.js';
export { utf8ByteLength } from './utf8-byte-length.js';
export { PROTOCOL_VERSION } from './version.js';
