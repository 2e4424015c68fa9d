import net from 'node:net';

/** `preferred` if nothing listens there, else any free port the kernel offers. */
export async function freePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  return preferred !== 0 && (await listenable(preferred, host)) ? preferred : listenOn(0, host);
}

function listenable(port: number, host: string): Promise<boolean> {
  return listenOn(port, host).then(
    () => true,
    () => false,
  );
}

function listenOn(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}
