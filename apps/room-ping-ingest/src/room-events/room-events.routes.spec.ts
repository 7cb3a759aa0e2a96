import { AppLogger } from '@maestro/application';
import { type Forwarder } from '@maestro/domain';
import { EventForwardingMetrics, InMemoryEventForwarder } from '@maestro/event-forwarding';
import Fastify, { type FastifyInstance } from 'fastify';
import { KnownSchedulers } from '../known-rooms/known-schedulers.view';
import { RoomDirectory } from '../known-rooms/room-directory.view';
import {
  aForwarder,
  roomAddressAssigned,
  roomCreated,
  schedulerCreated,
} from '../known-rooms/room-events.fixture';
import { ForwardPlayerEventHandler } from './forward-player-event.handler';
import { ForwardRoomEventHandler } from './forward-room-event.handler';
import { ForwardRoomStatusHandler } from './forward-room-status.handler';
import { RoomAddressQuery } from './room-address.query';
import { roomEventRoutes } from './room-events.routes';

/** Keeps what was logged, so a failing test can show it. */
class RecordingLogger extends AppLogger {
  readonly lines: string[] = [];

  info(message: string): void {
    this.lines.push(message);
  }

  warn(message: string): void {
    this.lines.push(message);
  }

  error(message: string): void {
    this.lines.push(message);
  }
}

interface Harness {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly forwarder: InMemoryEventForwarder;
  readonly metrics: EventForwardingMetrics;
  readonly schedulers: KnownSchedulers;
  readonly rooms: RoomDirectory;
}

const harnesses: Harness[] = [];

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.app.close()));
});

const matchmaker = aForwarder({
  address: 'matchmaker.test:9090',
  options: { timeoutMs: 500, metadata: { roomType: 'duel' } },
});

/** The routes over a real socket, with scheduler `arena` (game `tennis`) and its room `room-1`. */
async function startRoutes(forwarders: readonly Forwarder[] = [matchmaker]): Promise<Harness> {
  const schedulers = new KnownSchedulers();
  const rooms = new RoomDirectory();
  schedulers.apply(schedulerCreated('arena', 'tennis', forwarders));
  rooms.apply(roomCreated('arena', 'room-1'));
  rooms.apply(roomCreated('arena', 'validation-room', { isValidationRoom: true }));
  const forwarder = new InMemoryEventForwarder();
  const metrics = new EventForwardingMetrics();
  const logger = new RecordingLogger();
  const dependencies = { schedulers, rooms, forwarder, metrics, logger };
  const app = Fastify();
  await app.register(roomEventRoutes, {
    roomEvents: new ForwardRoomEventHandler(dependencies),
    playerEvents: new ForwardPlayerEventHandler(dependencies),
    statuses: new ForwardRoomStatusHandler(dependencies),
    addresses: new RoomAddressQuery(rooms),
    logger,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const harness = { app, url, forwarder, metrics, schedulers, rooms };
  harnesses.push(harness);
  return harness;
}

async function send(
  harness: Harness,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/x-www-form-urlencoded',
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    body,
    headers: body === undefined ? {} : { 'content-type': contentType },
  });
  const text = await response.text();
  return { status: response.status, body: text.length > 0 ? JSON.parse(text) : undefined };
}

const room = '/scheduler/arena/rooms/room-1';

describe('POST /scheduler/{s}/rooms/{r}/roomevent', () => {
  it('forwards the event with the room’s game, port and metadata, whatever the Content-Type', async () => {
    const harness = await startRoutes();
    const response = await send(
      harness,
      'POST',
      `${room}/roomevent`,
      '{"event":"matchStarted","timestamp":"123","metadata":{"players":2}}',
    );
    expect(response).toEqual({ status: 200, body: { success: true, message: '' } });
    expect(harness.forwarder.callsTo(matchmaker.address)).toEqual([
      expect.objectContaining({
        rpc: 'SendRoomEvent',
        message: expect.objectContaining({
          eventType: 'matchStarted',
          room: expect.objectContaining({
            game: 'tennis',
            roomId: 'room-1',
            host: '',
            port: 20_001,
            roomType: 'duel',
          }) as unknown,
        }) as unknown,
      }),
    ]);
    expect(
      await harness.metrics.count({
        event: 'roomEvent',
        scheduler: 'arena',
        forwarder: 'matchmaker',
        outcome: 'success',
        code: 'OK',
      }),
    ).toBe(1);
  });

  it('tells forwarders the room’s host once the worker reported its address', async () => {
    const harness = await startRoutes();
    harness.rooms.apply(roomAddressAssigned('arena', 'room-1', '10.0.0.7'));
    await send(harness, 'POST', `${room}/roomevent`, '{"event":"e"}');
    expect(harness.forwarder.callsTo(matchmaker.address)[0]?.message.room.host).toBe('10.0.0.7');
  });

  it('answers success for any room when no forwarder is enabled', async () => {
    const harness = await startRoutes([aForwarder({ enable: false })]);
    const response = await send(harness, 'POST', '/scheduler/arena/rooms/unknown/roomevent', '{"event":"e"}');
    expect(response.body).toEqual({ success: true, message: '' });
    expect(harness.forwarder.allCalls).toEqual([]);
  });

  it('answers success false for an unknown room or scheduler when there is a forwarder', async () => {
    const harness = await startRoutes();
    const unknownRoom = await send(
      harness,
      'POST',
      '/scheduler/arena/rooms/ghost/roomevent',
      '{"event":"e"}',
    );
    const unknownScheduler = await send(harness, 'POST', '/scheduler/lobby/rooms/room-1/roomevent', '{}');
    expect(unknownRoom).toEqual({
      status: 200,
      body: { success: false, message: 'failed to get room ghost from storage: room not found' },
    });
    expect(unknownScheduler).toEqual({
      status: 200,
      body: { success: false, message: 'scheduler lobby not found' },
    });
  });

  it('answers success false naming the forwarder it could not reach, and counts the failure', async () => {
    const harness = await startRoutes();
    harness.forwarder.makeUnreachable(matchmaker.address);
    const response = await send(harness, 'POST', `${room}/roomevent`, '{"event":"e"}');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      success: false,
      message: expect.stringMatching(/^failed to forward event room at "matchmaker"/) as unknown,
    });
    expect(
      await harness.metrics.count({
        event: 'roomEvent',
        scheduler: 'arena',
        forwarder: 'matchmaker',
        outcome: 'failure',
        code: 'UNAVAILABLE',
      }),
    ).toBe(1);
  });

  it('never forwards for a validation room', async () => {
    const harness = await startRoutes();
    const response = await send(
      harness,
      'POST',
      '/scheduler/arena/rooms/validation-room/roomevent',
      '{"event":"e"}',
    );
    expect(response.body).toEqual({ success: true, message: '' });
    expect(harness.forwarder.allCalls).toEqual([]);
  });

  it('refuses a body that is not JSON, or a field of the wrong type, with 400', async () => {
    const harness = await startRoutes();
    const notJson = await send(harness, 'POST', `${room}/roomevent`, 'event=e');
    const wrongType = await send(harness, 'POST', `${room}/roomevent`, '{"event":3}');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ code: 3, details: [] });
    expect(wrongType).toEqual({
      status: 400,
      body: { code: 3, message: 'invalid value for string field event: 3', details: [] },
    });
  });

  it('answers another method on the path 501 Method Not Allowed', async () => {
    const harness = await startRoutes();
    const response = await send(harness, 'PUT', `${room}/roomevent`, '{}');
    expect(response).toEqual({ status: 501, body: { code: 12, message: 'Method Not Allowed', details: [] } });
  });
});

describe('POST /scheduler/{s}/rooms/{r}/playerevent', () => {
  it('forwards a player who left, with the player id', async () => {
    const harness = await startRoutes();
    const response = await send(
      harness,
      'POST',
      `${room}/playerevent`,
      '{"event":"playerLeft","timestamp":1,"metadata":{"playerId":"p-1"}}',
    );
    expect(response.body).toEqual({ success: true, message: '' });
    expect(harness.forwarder.callsTo(matchmaker.address)).toEqual([
      expect.objectContaining({
        rpc: 'SendPlayerEvent',
        message: expect.objectContaining({
          playerId: 'p-1',
          eventType: 'PLAYER_LEFT',
          metadata: { playerId: 'p-1', eventType: 'playerLeft', roomType: 'duel' },
        }) as unknown,
      }),
    ]);
  });

  it('refuses an event without a player id, naming the forwarder and the scheduler', async () => {
    const harness = await startRoutes();
    const response = await send(
      harness,
      'POST',
      `${room}/playerevent`,
      '{"event":"playerJoin","metadata":{}}',
    );
    expect(response.body).toEqual({
      success: false,
      message:
        'eventAttributes must contain key "playerId" in playerEvent events. Forwarder name: "matchmaker", Scheduler: "arena"',
    });
  });

  it('refuses an event that is neither playerJoin nor playerLeft', async () => {
    const harness = await startRoutes();
    const response = await send(
      harness,
      'POST',
      `${room}/playerevent`,
      '{"event":"playerDanced","metadata":{"playerId":"p-1"}}',
    );
    expect(response.body).toEqual({
      success: false,
      message: 'invalid PlayerEventType. Should be "playerLeft" or "playerJoin"',
    });
    expect(harness.forwarder.allCalls).toEqual([]);
  });

  it('checks nothing when there is no forwarder to tell', async () => {
    const harness = await startRoutes([]);
    const response = await send(harness, 'POST', `${room}/playerevent`, '{"event":"whatever"}');
    expect(response.body).toEqual({ success: true, message: '' });
  });
});

describe('PUT /scheduler/{s}/rooms/{r}/status (deprecated)', () => {
  it('forwards the status and answers success only', async () => {
    const harness = await startRoutes();
    const response = await send(harness, 'PUT', `${room}/status`, '{"status":"occupied","timestamp":"1"}');
    expect(response).toEqual({ status: 200, body: { success: true } });
    expect(harness.forwarder.callsTo(matchmaker.address)).toEqual([
      expect.objectContaining({
        rpc: 'SendRoomStatus',
        message: expect.objectContaining({ statusType: 'occupied' }) as unknown,
      }),
    ]);
  });

  it('answers success false for a status forwarders do not know', async () => {
    const harness = await startRoutes();
    const response = await send(harness, 'PUT', `${room}/status`, '{"status":"dancing"}');
    expect(response).toEqual({ status: 200, body: { success: false } });
  });
});

describe('GET /scheduler/{s}/rooms/{r}/address (deprecated)', () => {
  it('answers the address the worker reported', async () => {
    const harness = await startRoutes();
    harness.rooms.apply(roomAddressAssigned('arena', 'room-1', '10.0.0.7'));
    const response = await send(harness, 'GET', `${room}/address`);
    expect(response).toEqual({
      status: 200,
      body: {
        ports: [{ name: 'clientPort', protocol: 'UDP', port: 20_001 }],
        host: '10.0.0.7',
        ipv6Label: '',
      },
    });
  });

  it('answers 500 for a room without a known address, or an unknown room', async () => {
    const harness = await startRoutes();
    const noAddress = await send(harness, 'GET', `${room}/address`);
    const unknown = await send(harness, 'GET', '/scheduler/arena/rooms/ghost/address');
    expect(noAddress).toEqual({
      status: 500,
      body: {
        code: 2,
        message: 'error getting instance: room room-1 of scheduler arena has no address yet',
        details: [],
      },
    });
    expect(unknown.status).toBe(500);
  });
});
