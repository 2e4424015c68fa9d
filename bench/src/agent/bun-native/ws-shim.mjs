// Measurement only: the `ws` client API the agent uses, over Bun's own WebSocket.
import { EventEmitter } from 'node:events';
export class WebSocket extends EventEmitter {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  constructor(url, options = {}) {
    super();
    const socket = new globalThis.WebSocket(url, { headers: options.headers });
    socket.binaryType = 'nodebuffer';
    this.socket = socket;
    socket.onopen = () => this.emit('open');
    socket.onmessage = (event) =>
      this.emit(
        'message',
        typeof event.data === 'string' ? Buffer.from(event.data) : Buffer.from(event.data),
      );
    socket.onerror = () => this.emit('error', new Error('websocket error'));
    socket.onclose = (event) => this.emit('close', event.code, Buffer.from(event.reason ?? ''));
  }
  get readyState() {
    return this.socket.readyState;
  }
  get bufferedAmount() {
    return this.socket.bufferedAmount;
  }
  send(data) {
    this.socket.send(data);
  }
  close(code, reason) {
    this.socket.close(code, reason);
  }
  terminate() {
    try {
      this.socket.terminate ? this.socket.terminate() : this.socket.close();
    } catch {}
  }
}
export default WebSocket;
