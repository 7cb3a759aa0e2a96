import {
  type EventEnvelope,
  roomCreatedV1,
  roomDeletedV1,
  roomPingedV1,
  toCloudEventHeaders,
  topics,
} from '@maestro/contracts';
import { KafkaConnection } from '@maestro/messaging';
import {
  type AppProcess,
  eventually,
  expectServiceReady,
  request,
  startApp,
  testEnvironment,
} from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { type Consumer } from 'kafkajs';

/** A message as it sits on `room-pings`: key, headers and payload, untouched by our adapters. */
interface RawPing {
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly payload: unknown;
}

const readinessChecks = ['kafka', 'topics', 'known-rooms'];

describe('rooms API ping (room-ping-ingest as a process, real Kafka)', () => {
  // Names of our own, so other suites sharing the broker's topics cannot interfere.
  const scheduler = `e2e-${randomUUID().slice(0, 8)}`;
  const apps: AppProcess[] = [];
  const consumers: { readonly consumer: Consumer; readonly groupId: string }[] = [];
  let connection: KafkaConnection;
  let app: AppProcess;
  let pings: RawPing[];

  beforeAll(async () => {
    connection = new KafkaConnection({ brokers: testEnvironment().kafkaBrokers, clientId: 'room-ping-e2e' });
    app = await startRoomPingIngest();
    // The app created the topics; read room-pings from where it stands now.
    pings = await readRoomPingsFromNow(scheduler);
  });

  afterAll(async () => {
    await Promise.all(apps.map((started) => started.stop()));
    await Promise.all(consumers.map(({ consumer }) => consumer.disconnect()));
    if (consumers.length > 0) {
      await (await connection.connectedAdmin()).deleteGroups(consumers.map(({ groupId }) => groupId));
    }
    await connection.close();
  });

  async function startRoomPingIngest(): Promise<AppProcess> {
    const started = await startApp('room-ping-ingest', {
      KAFKA_BROKERS: testEnvironment().kafkaBrokers.join(','),
    });
    apps.push(started);
    await expectServiceReady(started.url, readinessChecks);
    return started;
  }

  /** Consumes `room-pings` from its current end, keeping the messages keyed by `key`. */
  async function readRoomPingsFromNow(key: string): Promise<RawPing[]> {
    const admin = await connection.connectedAdmin();
    const ends = await admin.fetchTopicOffsets(topics.roomPings);
    const received: RawPing[] = [];
    const groupId = `room-ping-e2e-${randomUUID()}`;
    const consumer = connection.kafka.consumer({ groupId });
    consumers.push({ consumer, groupId });
    await consumer.connect();
    await consumer.subscribe({ topic: topics.roomPings });
    await consumer.run({
      eachMessage: ({ message }) => {
        if (message.key?.toString() === key) {
          received.push({
            key: message.key.toString(),
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
            ),
            payload: JSON.parse(message.value?.toString() ?? 'null') as unknown,
          });
        }
        return Promise.resolve();
      },
    });
    for (const { partition, high } of ends)
      consumer.seek({ topic: topics.roomPings, partition, offset: high });
    return received;
  }

  /** Publishes a room event as the worker's outbox relay does: keyed by scheduler, CloudEvents headers. */
  async function publishRoomEvent(type: string, data: Record<string, unknown>): Promise<void> {
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type,
      schemaVersion: 1,
      source: 'maestro/worker',
      subject: scheduler,
      time: new Date().toISOString(),
      data,
    };
    const producer = await connection.connectedProducer();
    await producer.send({
      topic: topics.roomEvents,
      acks: -1,
      messages: [{ key: scheduler, value: JSON.stringify(data), headers: toCloudEventHeaders(envelope) }],
    });
  }

  async function createRoom(roomId: string): Promise<void> {
    await publishRoomEvent(roomCreatedV1.type, {
      schedulerName: scheduler,
      roomId,
      version: 'v1.0.0',
      ports: [],
      isValidationRoom: false,
      createdAt: new Date().toISOString(),
    });
  }

  async function deleteRoom(roomId: string): Promise<void> {
    await publishRoomEvent(roomDeletedV1.type, {
      schedulerName: scheduler,
      roomId,
      reason: 'scale_down',
      deletedAt: new Date().toISOString(),
    });
  }

  function pingUrl(roomId: string, base = app.url): string {
    return `${base}/scheduler/${scheduler}/rooms/${roomId}/ping`;
  }

  /** Pings as a game room does: `curl -X PUT … --data-raw '{…}'`, i.e. form-urlencoded. */
  function ping(roomId: string, body: Record<string, unknown>, base = app.url) {
    return request<{ success: boolean }>('PUT', pingUrl(roomId, base), {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async function waitForPing(predicate: (payload: Record<string, unknown>) => boolean): Promise<RawPing> {
    return eventually(
      () => {
        const found = pings.find((message) => predicate(message.payload as Record<string, unknown>));
        if (!found) throw new Error(`${pings.length} pings of ${scheduler} so far, none matching`);
        return found;
      },
      { timeoutMs: 30_000, description: 'RoomPinged on room-pings' },
    );
  }

  it('accepts the pings of a room once its RoomCreated reached room-events, and publishes RoomPinged', async () => {
    await createRoom('room-1');
    await eventually(
      async () => {
        expect((await ping('room-1', { status: 'ready', timestamp: '12312312313' })).body).toEqual({
          success: true,
        });
      },
      { timeoutMs: 30_000, description: 'the new room to be known' },
    );

    const before = new Date();
    const response = await ping('room-1', {
      status: 'occupied',
      timestamp: 1_764_288_000,
      metadata: { region: 'eu', players: 3 },
      runningMatches: 0,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true });

    const published = await waitForPing((payload) => payload.status === 'occupied');
    expect(published.key).toBe(scheduler);
    expect(published.headers).toEqual({
      ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      ce_type: 'RoomPinged',
      ce_source: 'maestro/room-ping-ingest',
      ce_subject: scheduler,
      ce_time: expect.any(String) as unknown,
      ce_specversion: '1.0',
      ce_schemaversion: '1',
      'content-type': 'application/json',
    });
    const payload = roomPingedV1.schema.parse(published.payload);
    expect(payload).toEqual({
      schedulerName: scheduler,
      roomId: 'room-1',
      status: 'occupied',
      // An occupied room runs at least one match.
      runningMatches: 1,
      metadata: { region: 'eu', players: 3 },
      receivedAt: published.headers.ce_time,
      roomTimestamp: '1764288000',
    });
    expect(Date.parse(payload.receivedAt)).toBeGreaterThanOrEqual(before.getTime() - 1_000);
  });

  it('decodes the ping body as JSON whatever the Content-Type says', async () => {
    await createRoom('room-2');
    await eventually(async () => {
      expect((await ping('room-2', { status: 'ready' })).body).toEqual({ success: true });
    });
    for (const contentType of ['application/json', 'text/plain']) {
      const response = await request('PUT', pingUrl('room-2'), {
        body: JSON.stringify({ status: 'terminating', running_matches: '2' }),
        headers: { 'content-type': contentType },
      });
      expect(response.body).toEqual({ success: true });
    }
    const published = await waitForPing((payload) => payload.status === 'terminating');
    expect(published.payload).toMatchObject({ roomId: 'room-2', runningMatches: 2 });
  });

  it('answers success false for a room it does not know, and publishes nothing for it', async () => {
    const unknown = await ping('never-created', { status: 'ready' });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ success: false });

    // Same scheduler, same partition: once a later ping shows up, an earlier one would have too.
    await createRoom('room-3');
    await eventually(async () => {
      expect((await ping('room-3', { status: 'terminated' })).body).toEqual({ success: true });
    });
    await waitForPing((payload) => payload.roomId === 'room-3');
    expect(
      pings.filter((message) => (message.payload as { roomId: string }).roomId === 'never-created'),
    ).toEqual([]);
  });

  it('refuses the pings of a room again once its RoomDeleted reached room-events', async () => {
    await createRoom('room-4');
    await eventually(async () => {
      expect((await ping('room-4', { status: 'ready' })).body).toEqual({ success: true });
    });
    await deleteRoom('room-4');
    await eventually(
      async () => {
        expect((await ping('room-4', { status: 'ready' })).body).toEqual({ success: false });
      },
      { timeoutMs: 30_000, description: 'the deleted room to be forgotten' },
    );
  });

  it('rejects an unknown status with 400 and Maestro’s error body', async () => {
    const response = await ping('room-1', { status: 'sleeping' });
    expect(response.status).toBe(400);
    expect(response.text).toBe(
      '{"code":3,"message":"cannot convert string sleeping to a valid GameRoomStatus representation","details":[]}',
    );
  });

  it('rejects a malformed body with 400 and Maestro’s error body, not a 500', async () => {
    const response = await request<{ code: number; details: unknown[] }>('PUT', pingUrl('room-1'), {
      body: '{"status": ',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 3, details: [] });
  });

  it('answers POST on the ping path 501 Method Not Allowed, as Maestro does', async () => {
    const response = await request('POST', pingUrl('room-1'), { body: { status: 'ready' } });
    expect(response.status).toBe(501);
    expect(response.body).toEqual({ code: 12, message: 'Method Not Allowed', details: [] });
  });

  it('answers an unknown route 404 with Maestro’s error body', async () => {
    const response = await request('GET', `${app.url}/scheduler/${scheduler}/rooms`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 5, message: 'Not Found', details: [] });
  });

  it('counts pings by outcome and times their publication on /metrics', async () => {
    const metrics = await request('GET', `${app.url}/metrics`);
    for (const outcome of ['accepted', 'unknown_room', 'invalid']) {
      expect(metrics.text).toMatch(
        new RegExp(`^room_pings_total\\{outcome="${outcome}",.*\\} [1-9]\\d*$`, 'm'),
      );
    }
    expect(metrics.text).toMatch(/^room_ping_publish_duration_seconds_count\{.*\} [1-9]\d*$/m);
  });

  it('starts another instance that knows the rooms as they are as soon as it reports ready', async () => {
    await createRoom('room-5');
    await createRoom('room-6');
    await deleteRoom('room-6');
    await eventually(async () => {
      expect((await ping('room-5', { status: 'ready' })).body).toEqual({ success: true });
      expect((await ping('room-6', { status: 'ready' })).body).toEqual({ success: false });
    });

    const second = await startRoomPingIngest();

    // Ready means caught up: no waiting for the view after that.
    expect((await ping('room-5', { status: 'ready' }, second.url)).body).toEqual({ success: true });
    expect((await ping('room-6', { status: 'ready' }, second.url)).body).toEqual({ success: false });
  });
});
