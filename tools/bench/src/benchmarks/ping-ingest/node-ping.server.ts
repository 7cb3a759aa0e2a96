// Server A of ping-ingest, the baseline: a bare node:http server answering every
// `PUT /scheduler/{s}/rooms/{id}/ping` as room-ping-ingest answers an accepted ping (200,
// `{"success":true}`, application/json) once the body has arrived, and doing nothing else: the most
// this machine's Node can serve on the route, with no parsing, no lookup and no Kafka.
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { serveHarness } from '../../harness/server-protocol';

const body = '{"success":true}';
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': Buffer.byteLength(body),
};

const server = createServer((request, response) => {
  if (request.method !== 'PUT' || !request.url?.endsWith('/ping')) {
    response.writeHead(404).end();
    return;
  }
  request.resume();
  request.once('end', () => {
    response.writeHead(200, headers).end(body);
  });
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
