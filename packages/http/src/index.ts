export type { ErrorCode } from './app-error.js';
export { AppError, ERROR_STATUS } from './app-error.js';
export { registerErrorHandler } from './error-handler.js';
export type { FieldIssue } from './parse-input.js';
export { parseInput } from './parse-input.js';
