/**
 * Child process of bench:connections: the baseline. A bare `ws` WebSocketServer holding the
 * same idle sockets — it answers hello with a welcome and ping with pong, and keeps nothing
 * else per socket. Port from argv[2]; prints `listening` when ready.
 */
import { WebSocketServer } from 'ws';

const WELCOME = JSON.stringify({ type: 'welcome' });
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv[2]),
  perMessageDeflate: false,
});

server.on('connection', (socket) => {
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type?: string; ts?: number };
    if (frame.type === 'hello') socket.send(WELCOME);
    else if (frame.type === 'ping') socket.send(`{"type":"pong","ts":${frame.ts}}`);
  });
});
server.on('listening', () => process.stdout.write('listening\n'));
