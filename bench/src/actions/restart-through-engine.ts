import http from 'node:http';

/**
 * `POST /containers/{id}/restart?t=…` on the Docker Engine API (the socket the agent uses), in ms:
 * Docker's own restart time, measured side by side with restarts through Berth.
 */
export function restartThroughEngine(containerId: string, timeoutS: number): Promise<number> {
  const socketPath = process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') || '/var/run/docker.sock';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      { socketPath, method: 'POST', path: `/containers/${containerId}/restart?t=${timeoutS}` },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 204
            ? resolve(performance.now() - started)
            : reject(new Error(`engine answered ${response.statusCode} to restart`)),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}
