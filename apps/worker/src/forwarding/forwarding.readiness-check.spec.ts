import { type AppLogger } from '@maestro/application';
import { EventForwardingMetrics, InMemoryEventForwarder } from '@maestro/event-forwarding';
import { InMemoryEventStore } from '@maestro/event-store';
import { InMemoryMessageBus } from '@maestro/messaging';
import { eventually } from '@maestro/testing';
import { ForwardingDirectory } from './forwarding-directory';
import { ForwardingReadinessCheck } from './forwarding.readiness-check';
import { RoomForwardingConsumer } from './room-forwarding.consumer';

const silent: AppLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('ForwardingReadinessCheck', () => {
  it('is not ready until the forwarding consumer joined its group, nor after it stopped', async () => {
    const consumer = new RoomForwardingConsumer(
      new InMemoryMessageBus(),
      new ForwardingDirectory(new InMemoryEventStore(), { schedulerTtlMs: 60_000, now: () => 0 }),
      new InMemoryEventForwarder(),
      new EventForwardingMetrics(),
      silent,
      { groupId: 'worker-forwarding' },
    );
    const check = new ForwardingReadinessCheck(consumer);
    await expect(check.check()).rejects.toThrow('joining its consumer group');
    consumer.start();
    await eventually(async () => {
      await expect(check.check()).resolves.toBeUndefined();
    });
    await consumer.stop();
    await expect(check.check()).rejects.toThrow('joining its consumer group');
  });
});
