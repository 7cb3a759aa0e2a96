import { type IncomingMessage } from '@maestro/application';
import { silentLog } from '../messaging-log';
import { type DeliveryContext, deliverWithRetries } from './deliver-with-retries';

const messages: IncomingMessage[] = [0, 1, 2].map((n) => ({
  topic: 'room-events',
  partition: 0,
  offset: String(n),
  key: 'my-scheduler',
  envelope: {
    id: `event-${String(n)}`,
    type: 'RoomCreated',
    schemaVersion: 1,
    source: 'maestro/worker',
    subject: 'my-scheduler',
    time: '2026-11-27T10:00:00.000Z',
    data: { n },
  },
}));

function context(
  handleBatch: DeliveryContext['handleBatch'],
  overrides: Partial<DeliveryContext> = {},
): DeliveryContext & { pauses: number[] } {
  const pauses: number[] = [];
  return {
    handleBatch,
    policy: { maxAttempts: 3, initialBackoffMs: 100, maxBackoffMs: 150 },
    isActive: () => true,
    pause: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
    log: silentLog,
    pauses,
    ...overrides,
  };
}

describe('deliverWithRetries', () => {
  it('retries a rejected batch with growing, bounded backoffs until it succeeds', async () => {
    let failures = 2;
    const delivery = context(() => (failures-- > 0 ? Promise.reject(new Error('busy')) : Promise.resolve()));
    await expect(deliverWithRetries(messages, delivery)).resolves.toEqual({ kind: 'handled', failed: [] });
    expect(delivery.pauses).toEqual([100, 150]);
  });

  it('gives up only on the messages that fail on their own, handling the others in order', async () => {
    const handled: string[] = [];
    const delivery = context((batch) => {
      if (batch.some((message) => message.offset === '1')) return Promise.reject(new Error('poison'));
      handled.push(...batch.map((message) => message.offset));
      return Promise.resolve();
    });
    const outcome = await deliverWithRetries(messages, delivery);
    expect(outcome).toEqual({
      kind: 'handled',
      failed: [{ message: messages[1], error: new Error('poison') }],
    });
    expect(handled).toEqual(['0', '2']);
  });

  it('leaves the batch for redelivery when the subscription stops between attempts', async () => {
    let active = true;
    const delivery = context(
      () => {
        active = false;
        return Promise.reject(new Error('busy'));
      },
      { isActive: () => active },
    );
    await expect(deliverWithRetries(messages, delivery)).resolves.toEqual({ kind: 'interrupted' });
  });

  it('does not call the handler for an empty batch', async () => {
    const handleBatch = jest.fn(() => Promise.resolve());
    await deliverWithRetries([], context(handleBatch));
    expect(handleBatch).not.toHaveBeenCalled();
  });
});
