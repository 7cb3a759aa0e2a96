import { type IncomingMessage, type OutgoingMessage } from '@maestro/application';
import { topics } from '@maestro/contracts';
import { eventually, testEnvironment } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { type CatchUpSubscription } from '../subscription/catch-up-subscription';
import { deadLetterTopicOf } from '../subscription/dead-letter';
import { messageBusContract } from '../testing/message-bus.contract';
import { KafkaConnection } from './kafka-connection';
import { KafkaMessagePublisher } from './kafka-message-publisher.adapter';
import { KafkaMessageSubscriber, type KafkaSubscriberOptions } from './kafka-message-subscriber.adapter';
import { KafkaTopicProvisioner } from './kafka-topic-provisioner';

const partitions = 3;
const quickRetries: KafkaSubscriberOptions = {
  retry: { maxAttempts: 2, initialBackoffMs: 20, maxBackoffMs: 50 },
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 250,
};

/** One installation's Kafka bus: its own prefix, everything else as the services build it. */
interface PrefixedBus {
  readonly prefix: string;
  readonly connection: KafkaConnection;
  readonly publisher: KafkaMessagePublisher;
  readonly subscriber: KafkaMessageSubscriber;
  readonly provisioner: KafkaTopicProvisioner;
  /** Stops its subscriptions, deletes every topic and group of its prefix, closes the connection. */
  close(): Promise<void>;
}

function prefixedBus(name: string): PrefixedBus {
  const prefix = `prefix-${randomUUID()}-${name}.`;
  const connection = new KafkaConnection({
    brokers: testEnvironment().kafkaBrokers,
    clientId: `topic-prefix-${name}`,
    topicPrefix: prefix,
  });
  const subscriber = new KafkaMessageSubscriber(connection, quickRetries);
  return {
    prefix,
    connection,
    publisher: new KafkaMessagePublisher(connection),
    subscriber,
    provisioner: new KafkaTopicProvisioner(connection),
    close: async () => {
      await subscriber.close();
      const admin = await connection.connectedAdmin();
      const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
      if (ours.length > 0) await admin.deleteTopics({ topics: ours });
      const groups = (await admin.listGroups()).groups
        .map((group) => group.groupId)
        .filter((groupId) => groupId.startsWith(prefix));
      if (groups.length > 0) await admin.deleteGroups(groups);
      await connection.close();
    },
  };
}

function ping(id: string, scheduler = 'arena'): OutgoingMessage {
  return {
    topic: topics.roomPings,
    key: scheduler,
    envelope: {
      id,
      type: 'RoomPinged',
      schemaVersion: 1,
      source: 'maestro/room-ping-ingest',
      subject: scheduler,
      time: '2026-11-28T06:00:00.000Z',
      data: { roomId: id, status: 'ready' },
    },
  };
}

describe('Kafka adapters with a topic prefix', () => {
  const alpha = prefixedBus('alpha');
  const bravo = prefixedBus('bravo');
  const subscriptions: CatchUpSubscription[] = [];

  afterAll(async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    // One after the other: a topic deletion under way makes the other admin's metadata refresh
    // fail with UNKNOWN_TOPIC_OR_PARTITION.
    await alpha.close();
    await bravo.close();
  });

  /** Subscribes `bus` to `subscribed` from the beginning, collecting what it is handed. */
  async function collect(
    bus: PrefixedBus,
    groupId: string,
    subscribed: readonly string[],
    into: IncomingMessage[],
  ): Promise<CatchUpSubscription> {
    const subscription = await bus.subscriber.subscribe({
      groupId,
      topics: subscribed,
      fromBeginning: true,
      handleBatch: (messages) => {
        into.push(...messages);
        return Promise.resolve();
      },
    });
    subscriptions.push(subscription);
    return subscription;
  }

  it('creates the public topics under each prefix, with their dead-letter topics once subscribed', async () => {
    for (const bus of [alpha, bravo]) {
      await bus.provisioner.ensureTopics({
        topics: [topics.schedulerEvents, topics.roomEvents, topics.roomPings],
        partitions,
        replicationFactor: 1,
      });
    }
    await collect(alpha, 'provisioning', [topics.roomPings, topics.roomEvents], []);

    const admin = await alpha.connection.connectedAdmin();
    const existing = await admin.listTopics();
    expect(existing.filter((topic) => topic.startsWith(alpha.prefix)).sort()).toEqual(
      [
        `${alpha.prefix}room-events`,
        `${alpha.prefix}room-events.dead-letter`,
        `${alpha.prefix}room-pings`,
        `${alpha.prefix}room-pings.dead-letter`,
        `${alpha.prefix}scheduler-events`,
      ].sort(),
    );
    expect(existing.filter((topic) => topic.startsWith(bravo.prefix)).sort()).toEqual(
      [`${bravo.prefix}room-events`, `${bravo.prefix}room-pings`, `${bravo.prefix}scheduler-events`].sort(),
    );
    const metadata = await admin.fetchTopicMetadata({ topics: [`${bravo.prefix}room-pings`] });
    expect(metadata.topics[0]?.partitions).toHaveLength(partitions);
  });

  it('keeps each installation to its own messages, handed over under the logical topic name', async () => {
    const fromAlpha: IncomingMessage[] = [];
    const fromBravo: IncomingMessage[] = [];
    // The same logical group and topics on both sides: only the prefix tells them apart.
    await collect(bravo, 'worker', [topics.roomPings, topics.roomEvents], fromBravo);
    await bravo.publisher.publish([ping('bravo-1'), ping('bravo-2')]);
    await eventually(() => {
      expect(fromBravo.map((message) => message.envelope.id)).toEqual(['bravo-1', 'bravo-2']);
    });

    await collect(alpha, 'worker', [topics.roomPings], fromAlpha);
    await alpha.publisher.publish([ping('alpha-1')]);
    await bravo.publisher.publish([ping('bravo-3')]);
    await eventually(() => {
      expect(fromAlpha.map((message) => message.envelope.id)).toEqual(['alpha-1']);
      expect(fromBravo.map((message) => message.envelope.id)).toEqual(['bravo-1', 'bravo-2', 'bravo-3']);
    });
    for (const message of [...fromAlpha, ...fromBravo]) expect(message.topic).toBe(topics.roomPings);

    // On the wire, each message is on its installation's physical topic.
    const admin = await alpha.connection.connectedAdmin();
    const written = async (topic: string): Promise<number> =>
      (await admin.fetchTopicOffsets(topic)).reduce((sum, offsets) => sum + Number(offsets.high), 0);
    expect(await written(`${alpha.prefix}room-pings`)).toBe(1);
    expect(await written(`${bravo.prefix}room-pings`)).toBe(3);

    // Consumer groups are prefixed too: the same logical group never joins the other installation's.
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
    expect(groups).toEqual(expect.arrayContaining([`${alpha.prefix}worker`, `${bravo.prefix}worker`]));
  });

  it('dead-letters to the prefixed dead-letter topic, which a logical subscription reads back', async () => {
    const deadLetters: IncomingMessage[] = [];
    const handled: IncomingMessage[] = [];
    const subscription = await alpha.subscriber.subscribe({
      groupId: 'picky',
      topics: [topics.roomPings],
      fromBeginning: false,
      handleBatch: (messages) => {
        if (messages.some((message) => message.envelope.id === 'poison'))
          return Promise.reject(new Error('poison'));
        handled.push(...messages);
        return Promise.resolve();
      },
    });
    subscriptions.push(subscription);
    await collect(alpha, 'dead-letter-reader', [deadLetterTopicOf(topics.roomPings)], deadLetters);

    await alpha.publisher.publish([ping('poison'), ping('after-poison')]);
    await eventually(() => {
      expect(handled.map((message) => message.envelope.id)).toEqual(['after-poison']);
      expect(deadLetters.map((message) => message.envelope.id)).toEqual(['poison']);
    });
    expect(deadLetters[0]?.topic).toBe('room-pings.dead-letter');
  });

  it('deletes a consumer group by its logical name', async () => {
    const admin = await bravo.connection.connectedAdmin();
    const gone = `gone-${randomUUID()}`;
    const subscription = await bravo.subscriber.subscribe({
      groupId: gone,
      topics: [topics.roomPings],
      fromBeginning: true,
      handleBatch: () => Promise.resolve(),
    });
    await subscription.waitUntilCaughtUp();
    await subscription.stop();
    const groupsNow = async (): Promise<string[]> =>
      (await admin.listGroups()).groups.map((group) => group.groupId);
    expect(await groupsNow()).toContain(`${bravo.prefix}${gone}`);

    await bravo.provisioner.deleteGroup(gone);
    expect(await groupsNow()).not.toContain(`${bravo.prefix}${gone}`);
  });
});

messageBusContract('Kafka adapters with a topic prefix on the real broker', () => {
  const bus = prefixedBus('contract');
  return Promise.resolve({
    publisher: bus.publisher,
    subscriber: bus.subscriber,
    partitions,
    createTopics: async (count) => {
      const created = Array.from({ length: count }, () => `bus-${randomUUID()}`);
      await bus.provisioner.ensureTopics({ topics: created, partitions, replicationFactor: 1 });
      return created;
    },
    close: () => bus.close(),
  });
});
