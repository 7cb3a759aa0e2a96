import { AppLogger, Clock } from '@maestro/application';
import Fastify, { type FastifyInstance } from 'fastify';
import { AllocateRoomHandler } from './allocate-room.handler';
import { allocationRoutes } from './allocation.routes';
import { BatchingRoomAllocator } from './batching-room-allocator';
import { InMemoryRoomAllocator } from './in-memory-room-allocator';
import { type AllocatedRoom, RoomAllocator } from './room-allocator.port';
import { UnconfiguredRoomAllocator } from './unconfigured-room-allocator';

class SilentLogger extends AppLogger {
  readonly errors: string[] = [];
  info(): void {
    // Only errors matter here.
  }
  warn(): void {
    // Only errors matter here.
  }
  error(message: string): void {
    this.errors.push(message);
  }
}

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-03-01T12:00:00.000Z');
  }
}

class BrokenAllocator extends RoomAllocator {
  allocate(): Promise<AllocatedRoom | undefined> {
    return Promise.reject(new Error('connection reset'));
  }
}

const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** The route over a real socket; `arena` has two ready rooms unless another allocator is given. */
async function startRoutes(allocator?: RoomAllocator): Promise<{ url: string; logger: SilentLogger }> {
  const rooms = new InMemoryRoomAllocator();
  for (const [index, roomId] of ['room-1', 'room-2'].entries()) {
    rooms.addRoom({
      schedulerName: 'arena',
      roomId,
      status: 'ready',
      createdAt: `2026-03-01T11:00:0${index}.000Z`,
      isValidationRoom: false,
      ports: [{ name: 'game', protocol: 'UDP', port: 30_000 + index }],
      host: 'node-1.example',
    });
  }
  const logger = new SilentLogger();
  const app = Fastify();
  apps.push(app);
  await app.register(allocationRoutes, {
    handler: new AllocateRoomHandler(allocator ?? new BatchingRoomAllocator(rooms), new FixedClock(), {
      allocationTtlMs: 300_000,
    }),
    logger,
  });
  return { url: await app.listen({ host: '127.0.0.1', port: 0 }), logger };
}

async function post(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', ...init });
  return { status: response.status, body: await response.json() };
}

describe('POST /scheduler/{s}/rooms/allocate', () => {
  it('hands out a ready room with its ports and host', async () => {
    const { url } = await startRoutes();
    await expect(post(`${url}/scheduler/arena/rooms/allocate`)).resolves.toEqual({
      status: 200,
      body: {
        roomId: 'room-1',
        success: true,
        message: '',
        ports: [{ name: 'game', protocol: 'UDP', port: 30_000 }],
        host: 'node-1.example',
      },
    });
  });

  it('hands each room out once, then answers 500 with code 2 when none is ready', async () => {
    const { url } = await startRoutes();
    const first = await post(`${url}/scheduler/arena/rooms/allocate`);
    const second = await post(`${url}/scheduler/arena/rooms/allocate`);
    expect([first.body, second.body]).toEqual([
      expect.objectContaining({ roomId: 'room-1' }),
      expect.objectContaining({ roomId: 'room-2' }),
    ]);
    await expect(post(`${url}/scheduler/arena/rooms/allocate`)).resolves.toEqual({
      status: 500,
      body: { code: 2, message: 'no ready rooms available for scheduler arena', details: [] },
    });
  });

  it('accepts and ignores a body under any content type, as game clients send one', async () => {
    const { url } = await startRoutes();
    const response = await post(`${url}/scheduler/arena/rooms/allocate`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"schedulerName":"elsewhere"}',
    });
    expect(response).toEqual({ status: 200, body: expect.objectContaining({ roomId: 'room-1' }) });
  });

  it('answers 503 with code 14 when the service has no database to allocate with', async () => {
    const { url } = await startRoutes(new UnconfiguredRoomAllocator());
    await expect(post(`${url}/scheduler/arena/rooms/allocate`)).resolves.toEqual({
      status: 503,
      body: {
        code: 14,
        message: 'room allocation needs a database: start the rooms API with DATABASE_URL',
        details: [],
      },
    });
  });

  it('answers 500 with code 13 and logs it when allocation fails', async () => {
    const { url, logger } = await startRoutes(new BrokenAllocator());
    await expect(post(`${url}/scheduler/arena/rooms/allocate`)).resolves.toEqual({
      status: 500,
      body: { code: 13, message: 'Internal Server Error', details: [] },
    });
    expect(logger.errors).toEqual(['room allocation failed']);
  });

  it('answers another method with 501 Method Not Allowed', async () => {
    const { url } = await startRoutes();
    const response = await fetch(`${url}/scheduler/arena/rooms/allocate`);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 501,
      body: { code: 12, message: 'Method Not Allowed', details: [] },
    });
  });
});
