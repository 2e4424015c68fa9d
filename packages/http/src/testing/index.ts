export type { SseEvent } from './sse-reader.js';
export { SseReader } from './sse-reader.js';
