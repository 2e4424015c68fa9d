export { generateHostileFrames, type HostileOptions, listHostileCases } from './generate-hostile-frames.js';
export type {
  HostileCase,
  HostileCategory,
  HostileFrame,
  HostilePhase,
  RejectedHostileFrame,
  SchemaValidHostileFrame,
} from './hostile-types.js';
export {
  type BatchFrameOptions,
  containerIdAt,
  makeBatchFrame,
  makeColumnarBatchFrame,
} from './make-batch-frame.js';
export { makeCheckResults } from './make-check-results.js';
export {
  makeExecAckFrame,
  makeExecCloseFrame,
  makeExecErrorFrame,
  makeExecOpenedFrame,
  makeExecOpenFrame,
  makeExecResizeFrame,
  makeExecStdinFrame,
  makeExecStdoutFrame,
  TEST_EXEC_SESSION_ID,
} from './make-exec-frames.js';
export {
  makeAckFrame,
  makeActionFrame,
  makeActionProgressFrame,
  makeActionResultFrame,
  makeAgentFrames,
  makeConfigAckFrame,
  makeConfigFrame,
  makeErrorFrame,
  makeGatewayFrames,
  makeHelloFrame,
  makeLogLinesFrame,
  makeLogsFollowFrame,
  makeLogsStopFrame,
  makePingFrame,
  makePongFrame,
  makeWelcomeFrame,
  TEST_ACTION_ID,
  TEST_HOST_ID,
  TEST_STREAM_ID,
} from './make-frames.js';
export {
  makeImageCheckFrame,
  makeImageCheckResultFrame,
  TEST_IMAGE_CHECK_ITEM_ID,
  TEST_IMAGE_CHECK_REQUEST_ID,
} from './make-image-check-frames.js';
export { createRandom, type Random } from './random.js';
