// Server A of http-stack, the baseline: a bare node:http server answering GET /healthz as the
// services do (200, `{"status":"ok"}`, application/json), with nothing else in the way.
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { serveHarness } from '../../harness/server-protocol';

const body = JSON.stringify({ status: 'ok' });
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': Buffer.byteLength(body),
};

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/healthz') {
    response.writeHead(200, headers).end(body);
  } else {
    response.writeHead(404).end();
  }
});

server.listen(0, '127.0.0.1', () => {
  serveHarness(
    (server.address() as AddressInfo).port,
    () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  );
});
