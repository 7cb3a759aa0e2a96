import { createServer } from 'node:net';
import { GrpcEventForwarder } from './grpc-event-forwarder.adapter';
import { RecordingForwarderServer } from './recording-forwarder-server';
import { eventForwarderContract } from './testing/event-forwarder.contract';

/** A loopback port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port bound');
  return address.port;
}

eventForwarderContract('GrpcEventForwarder against a real gRPC server', () => {
  const forwarder = new GrpcEventForwarder();
  const servers = new Map<string, RecordingForwarderServer>();
  const start = async (options: { responseCode?: number; silent?: boolean }): Promise<string> => {
    const server = await RecordingForwarderServer.start(options);
    servers.set(server.address, server);
    return server.address;
  };
  return Promise.resolve({
    forwarder,
    recordingAddress: (responseCode = 200) => start({ responseCode }),
    unreachableAddress: async () => `127.0.0.1:${await closedPort()}`,
    silentAddress: () => start({ silent: true }),
    received: (address) => servers.get(address)?.calls ?? [],
    close: async () => {
      forwarder.close();
      await Promise.all([...servers.values()].map((server) => server.stop()));
    },
  });
});
