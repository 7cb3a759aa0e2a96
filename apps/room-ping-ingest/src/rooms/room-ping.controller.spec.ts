import {
  AppLogger,
  Clock,
  KnownRooms,
  type IncomingMessage,
  MessagePublisher,
  type OutgoingMessage,
  Randomness,
  RecordRoomPingHandler,
} from '@maestro/application';
import { roomCreatedV1, roomPingedV1, topics } from '@maestro/contracts';
import { InMemoryMessageBus } from '@maestro/messaging';
import Fastify, { type FastifyInstance } from 'fastify';
import { roomPingRoutes } from './room-ping.controller';
import { RoomPingMetrics } from './room-ping.metrics';

/** Publishes to the in-memory bus, or refuses as a broker that stopped answering would. */
class SwitchablePublisher extends MessagePublisher {
  unreachable = false;

  constructor(private readonly bus: InMemoryMessageBus) {
    super();
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.unreachable) return Promise.reject(new Error('broker unavailable'));
    return this.bus.publish(messages);
  }
}

/** Everything on `room-pings` so far, read as a consumer would (a group of its own, from the start). */
async function publishedPings(bus: InMemoryMessageBus): Promise<IncomingMessage[]> {
  const received: IncomingMessage[] = [];
  const subscription = await bus.subscribe({
    groupId: `reader-${String(Math.random())}`,
    topics: [topics.roomPings],
    fromBeginning: true,
    handleBatch: (messages) => {
      received.push(...messages);
      return Promise.resolve();
    },
  });
  await subscription.waitUntilCaughtUp();
  await subscription.stop();
  return received;
}

class RecordingLogger extends AppLogger {
  readonly lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];

  info(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }
}

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-27T12:00:00.000Z');
  }
}

class SequentialRandomness extends Randomness {
  private issued = 0;

  uuid(): string {
    this.issued++;
    return `00000000-0000-4000-8000-${String(this.issued).padStart(12, '0')}`;
  }

  fraction(): number {
    return 0.5;
  }
}

interface Harness {
  readonly app: FastifyInstance;
  /** Where the routes listen, on loopback. */
  readonly url: string;
  readonly publisher: SwitchablePublisher;
  /** What reached `room-pings`. */
  readonly published: () => Promise<IncomingMessage[]>;
  readonly metrics: RoomPingMetrics;
  readonly logger: RecordingLogger;
}

const harnesses: Harness[] = [];

async function startRoutes(): Promise<Harness> {
  const knownRooms = new KnownRooms();
  knownRooms.apply({
    id: 'room-created-1',
    type: roomCreatedV1.type,
    schemaVersion: roomCreatedV1.version,
    source: 'maestro/worker',
    subject: 'arena',
    time: '2026-11-27T11:00:00.000Z',
    data: {
      schedulerName: 'arena',
      roomId: 'room-1',
      version: 'v1.0.0',
      ports: [],
      isValidationRoom: false,
      createdAt: '2026-11-27T11:00:00.000Z',
    },
  });
  const bus = new InMemoryMessageBus();
  const publisher = new SwitchablePublisher(bus);
  const metrics = new RoomPingMetrics();
  const logger = new RecordingLogger();
  const handler = new RecordRoomPingHandler({
    knownRooms,
    publisher,
    clock: new FixedClock(),
    randomness: new SequentialRandomness(),
    source: 'maestro/room-ping-ingest',
  });
  const app = Fastify();
  await app.register(roomPingRoutes, { handler, metrics, logger });
  // Over a real socket rather than app.inject(): inject's cookie dependency is ES-only, which
  // Jest's CommonJS loader cannot load here.
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const harness = { app, url, publisher, published: () => publishedPings(bus), metrics, logger };
  harnesses.push(harness);
  return harness;
}

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.app.close()));
});

const pingUrl = '/scheduler/arena/rooms/room-1/ping';

interface Answer {
  readonly statusCode: number;
  readonly headers: Headers;
  readonly body: string;
  json(): unknown;
}

/** Sends exactly the given headers: a byte body makes fetch add no Content-Type of its own. */
async function send(
  harness: Harness,
  method: string,
  body: string | undefined,
  headers: Record<string, string> = {},
  path = pingUrl,
): Promise<Answer> {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : Buffer.from(body),
  });
  const text = await response.text();
  return {
    statusCode: response.status,
    headers: response.headers,
    body: text,
    json: () => JSON.parse(text) as unknown,
  };
}

function put(harness: Harness, body: string, headers: Record<string, string> = {}, path = pingUrl) {
  return send(harness, 'PUT', body, headers, path);
}

describe('PUT /scheduler/{scheduler}/rooms/{room}/ping', () => {
  it('answers success true once the RoomPinged event is published, keyed by scheduler', async () => {
    const harness = await startRoutes();
    const { metrics } = harness;

    const response = await put(
      harness,
      '{"status":"occupied","timestamp":12312312313,"metadata":{"region":"eu"},"runningMatches":2}',
      { 'content-type': 'application/json' },
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({ success: true });
    const published = await harness.published();
    expect(published).toHaveLength(1);
    const [message] = published;
    expect(message).toMatchObject({ topic: 'room-pings', key: 'arena' });
    expect(message!.envelope).toMatchObject({
      type: 'RoomPinged',
      schemaVersion: 1,
      source: 'maestro/room-ping-ingest',
      subject: 'arena',
      time: '2026-11-27T12:00:00.000Z',
    });
    expect(roomPingedV1.schema.parse(message!.envelope.data)).toEqual({
      schedulerName: 'arena',
      roomId: 'room-1',
      status: 'occupied',
      runningMatches: 2,
      metadata: { region: 'eu' },
      receivedAt: '2026-11-27T12:00:00.000Z',
      roomTimestamp: '12312312313',
    });
    expect(metrics.pings.value('accepted')).toBe(1);
    expect(metrics.publishDuration.get().values.at(-1)).toMatchObject({ value: 1 });
  });

  describe('decodes the JSON body whatever the Content-Type', () => {
    it.each([
      ['application/json', { 'content-type': 'application/json' }],
      ['application/json with a charset', { 'content-type': 'application/json; charset=utf-8' }],
      ["form-urlencoded (curl's --data-raw)", { 'content-type': 'application/x-www-form-urlencoded' }],
      ['text/plain', { 'content-type': 'text/plain' }],
      ['application/octet-stream', { 'content-type': 'application/octet-stream' }],
      ['an unparsable Content-Type', { 'content-type': 'not a media type' }],
      ['no Content-Type at all', {}],
    ])('%s', async (_, headers) => {
      const harness = await startRoutes();
      const response = await put(harness, '{"status":"ready","timestamp":"12312312313"}', headers);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ success: true });
      expect((await harness.published())[0]!.envelope.data).toMatchObject({ status: 'ready' });
    });
  });

  it('accepts running_matches, the proto field name', async () => {
    const harness = await startRoutes();
    await put(harness, '{"status":"occupied","running_matches":"4"}');
    expect((await harness.published())[0]!.envelope.data).toMatchObject({ runningMatches: 4 });
  });

  it('counts an occupied room that reports no running matches as running one', async () => {
    const harness = await startRoutes();
    await put(harness, '{"status":"occupied","runningMatches":0}');
    await put(harness, '{"status":"occupied"}');
    expect((await harness.published()).map((message) => message.envelope.data)).toEqual([
      expect.objectContaining({ runningMatches: 1 }),
      expect.objectContaining({ runningMatches: 1 }),
    ]);
  });

  it.each(['ready', 'occupied', 'terminating', 'terminated'])('accepts the status %s', async (status) => {
    const harness = await startRoutes();
    const response = await put(harness, JSON.stringify({ status }));
    expect(response.json()).toEqual({ success: true });
  });

  it.each([
    ['an unknown status', '{"status":"allocated"}', 'allocated'],
    ['an upper-case status', '{"status":"READY"}', 'READY'],
    ['an empty status', '{"status":""}', ''],
    ['no status', '{"timestamp":1}', ''],
    ['an empty body', '', ''],
  ])('rejects %s with 400 and Maestro’s error body', async (_, body, shown) => {
    const harness = await startRoutes();
    const { metrics } = harness;
    const response = await put(harness, body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toBe(
      JSON.stringify({
        code: 3,
        message: `cannot convert string ${shown} to a valid GameRoomStatus representation`,
        details: [],
      }),
    );
    expect(await harness.published()).toEqual([]);
    expect(metrics.pings.value('invalid')).toBe(1);
  });

  it('rejects an unknown status before looking the room up', async () => {
    const harness = await startRoutes();
    const response = await put(harness, '{"status":"bogus"}', {}, '/scheduler/arena/rooms/unknown/ping');
    expect(response.statusCode).toBe(400);
  });

  it.each([
    ['malformed JSON', '{"status":"ready"', /^request body is not valid JSON: /],
    ['a JSON array', '[]', /^request body must be a JSON object$/],
    ['a JSON string', '"ready"', /^request body must be a JSON object$/],
    ['a numeric status', '{"status":1}', /^invalid value for string field status: 1$/],
    ['a fractional timestamp', '{"status":"ready","timestamp":1.5}', /field timestamp: 1.5$/],
    ['a non-numeric timestamp', '{"status":"ready","timestamp":"soon"}', /field timestamp: "soon"$/],
    ['metadata that is a list', '{"status":"ready","metadata":[1]}', /field metadata: \[1\]$/],
    ['metadata that is a string', '{"status":"ready","metadata":"x"}', /field metadata: "x"$/],
    ['non-numeric running matches', '{"status":"ready","runningMatches":"two"}', /field runningMatches/],
    ['negative running matches', '{"status":"ready","runningMatches":-1}', /must not be negative/],
    [
      'running matches given twice',
      '{"status":"ready","runningMatches":1,"running_matches":1}',
      /^duplicate field/,
    ],
    ['a wrong type even with a bad status', '{"status":"bogus","metadata":7}', /field metadata: 7$/],
  ])('rejects %s with 400 and Maestro’s error body, never a 500', async (_, body, message) => {
    const harness = await startRoutes();
    const response = await put(harness, body, { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    const error = response.json();
    expect(error).toEqual({ code: 3, message: expect.stringMatching(message), details: [] });
    expect(await harness.published()).toEqual([]);
  });

  it('ignores fields it does not know and a null metadata', async () => {
    const harness = await startRoutes();
    const response = await put(harness, '{"status":"ready","metadata":null,"extra":{"a":1}}');
    expect(response.json()).toEqual({ success: true });
    expect((await harness.published())[0]!.envelope.data).toMatchObject({ metadata: {} });
  });

  it('rejects a body over the size limit with 400 and Maestro’s error body', async () => {
    const harness = await startRoutes();
    const huge = JSON.stringify({ status: 'ready', metadata: { blob: 'x'.repeat(1_100_000) } });
    const response = await put(harness, huge, { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 3, details: [] });
  });

  it('answers success false without publishing for a room it does not know', async () => {
    const harness = await startRoutes();
    const { metrics } = harness;
    const otherRoom = await put(harness, '{"status":"ready"}', {}, '/scheduler/arena/rooms/room-2/ping');
    const otherScheduler = await put(harness, '{"status":"ready"}', {}, '/scheduler/lobby/rooms/room-1/ping');
    expect([otherRoom.statusCode, otherScheduler.statusCode]).toEqual([200, 200]);
    expect(otherRoom.json()).toEqual({ success: false });
    expect(otherScheduler.json()).toEqual({ success: false });
    expect(await harness.published()).toEqual([]);
    expect(metrics.pings.value('unknown_room')).toBe(2);
  });

  it('answers success false, logs and counts it when Kafka does not acknowledge', async () => {
    const harness = await startRoutes();
    const { publisher, metrics, logger } = harness;
    publisher.unreachable = true;

    const response = await put(harness, '{"status":"ready"}');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ success: false });
    expect(metrics.pings.value('publish_failed')).toBe(1);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ schedulerName: 'arena', roomId: 'room-1' }) as unknown,
      }),
    ]);
  });

  it('logs one line per second, not one per ping, while Kafka is down', async () => {
    const harness = await startRoutes();
    const { publisher, metrics, logger } = harness;
    publisher.unreachable = true;
    for (let ping = 0; ping < 5; ping++) await put(harness, '{"status":"ready"}');
    expect(metrics.pings.value('publish_failed')).toBe(5);
    expect(logger.lines).toHaveLength(1);
  });

  it.each(['POST', 'GET', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const)(
    'answers %s on the ping path 501 Method Not Allowed',
    async (method) => {
      const harness = await startRoutes();
      const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
      const response = await send(harness, method, body);
      expect(response.statusCode).toBe(501);
      if (method !== 'HEAD') {
        expect(response.json()).toEqual({ code: 12, message: 'Method Not Allowed', details: [] });
      }
      expect(await harness.published()).toEqual([]);
    },
  );
});
