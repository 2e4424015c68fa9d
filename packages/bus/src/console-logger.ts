import type { BusLogger } from './types.js';

export const consoleLogger: BusLogger = {
  warn: (context, message) => console.warn(message, context),
  error: (context, message) => console.error(message, context),
};
