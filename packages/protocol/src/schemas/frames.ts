import * as z from 'zod/mini';
import { ZActionFrameSchema, ZActionProgressFrameSchema, ZActionResultFrameSchema } from './actions.js';
import { ZAckFrameSchema, ZBatchFrameSchema } from './batch.js';
import { ZConfigAckFrameSchema, ZConfigFrameSchema } from './check-config.js';
import { ZErrorFrameSchema, ZPingFrameSchema, ZPongFrameSchema } from './control.js';
import {
  ZExecAckFrameSchema,
  ZExecCloseFrameSchema,
  ZExecErrorFrameSchema,
  ZExecOpenedFrameSchema,
  ZExecOpenFrameSchema,
  ZExecResizeFrameSchema,
  ZExecStdinFrameSchema,
  ZExecStdoutFrameSchema,
} from './exec.js';
import { ZHelloFrameSchema, ZWelcomeFrameSchema } from './handshake.js';
import { ZImageCheckFrameSchema, ZImageCheckResultFrameSchema } from './image-checks.js';
import { ZLogLinesFrameSchema, ZLogsFollowFrameSchema, ZLogsStopFrameSchema } from './live-logs.js';

/** Every schema an agent may send, by `type`. The decoder dispatches on this table. */
export const AGENT_FRAME_SCHEMAS = {
  hello: ZHelloFrameSchema,
  batch: ZBatchFrameSchema,
  action_result: ZActionResultFrameSchema,
  action_progress: ZActionProgressFrameSchema,
  log_lines: ZLogLinesFrameSchema,
  exec_opened: ZExecOpenedFrameSchema,
  exec_error: ZExecErrorFrameSchema,
  exec_stdout: ZExecStdoutFrameSchema,
  exec_close: ZExecCloseFrameSchema,
  config_ack: ZConfigAckFrameSchema,
  image_check_result: ZImageCheckResultFrameSchema,
  ping: ZPingFrameSchema,
  pong: ZPongFrameSchema,
} as const;

/** Every schema a gateway may send, by `type`. */
export const GATEWAY_FRAME_SCHEMAS = {
  welcome: ZWelcomeFrameSchema,
  ack: ZAckFrameSchema,
  action: ZActionFrameSchema,
  logs_follow: ZLogsFollowFrameSchema,
  logs_stop: ZLogsStopFrameSchema,
  exec_open: ZExecOpenFrameSchema,
  exec_stdin: ZExecStdinFrameSchema,
  exec_resize: ZExecResizeFrameSchema,
  exec_ack: ZExecAckFrameSchema,
  exec_close: ZExecCloseFrameSchema,
  config: ZConfigFrameSchema,
  image_check: ZImageCheckFrameSchema,
  error: ZErrorFrameSchema,
  ping: ZPingFrameSchema,
  pong: ZPongFrameSchema,
} as const;

export const ZAgentFrameSchema = z.discriminatedUnion('type', [
  ZHelloFrameSchema,
  ZBatchFrameSchema,
  ZActionResultFrameSchema,
  ZActionProgressFrameSchema,
  ZLogLinesFrameSchema,
  ZExecOpenedFrameSchema,
  ZExecErrorFrameSchema,
  ZExecStdoutFrameSchema,
  ZExecCloseFrameSchema,
  ZConfigAckFrameSchema,
  ZImageCheckResultFrameSchema,
  ZPingFrameSchema,
  ZPongFrameSchema,
]);
export type AgentFrame = z.infer<typeof ZAgentFrameSchema>;
export type AgentFrameType = AgentFrame['type'];

export const ZGatewayFrameSchema = z.discriminatedUnion('type', [
  ZWelcomeFrameSchema,
  ZAckFrameSchema,
  ZActionFrameSchema,
  ZLogsFollowFrameSchema,
  ZLogsStopFrameSchema,
  ZExecOpenFrameSchema,
  ZExecStdinFrameSchema,
  ZExecResizeFrameSchema,
  ZExecAckFrameSchema,
  ZExecCloseFrameSchema,
  ZConfigFrameSchema,
  ZImageCheckFrameSchema,
  ZErrorFrameSchema,
  ZPingFrameSchema,
  ZPongFrameSchema,
]);
export type GatewayFrame = z.infer<typeof ZGatewayFrameSchema>;
export type GatewayFrameType = GatewayFrame['type'];
