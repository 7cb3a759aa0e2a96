import { InMemoryEventForwarder } from './in-memory-event-forwarder';
import { eventForwarderContract } from './testing/event-forwarder.contract';

eventForwarderContract('InMemoryEventForwarder', () => {
  const forwarder = new InMemoryEventForwarder();
  let next = 0;
  const newAddress = (): string => `forwarder-${++next}.test:9090`;
  return Promise.resolve({
    forwarder,
    recordingAddress: (responseCode = 200) => {
      const address = newAddress();
      forwarder.answerWith(address, responseCode);
      return Promise.resolve(address);
    },
    unreachableAddress: () => {
      const address = newAddress();
      forwarder.makeUnreachable(address);
      return Promise.resolve(address);
    },
    silentAddress: () => {
      const address = newAddress();
      forwarder.makeSilent(address);
      return Promise.resolve(address);
    },
    received: (address) => forwarder.callsTo(address),
    close: () => Promise.resolve(),
  });
});
