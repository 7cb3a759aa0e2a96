import { type InstanceEvent, type RoomInstance, type RoomInstanceSpec } from '@maestro/application';
import { eventually, gameRoomRuntimeContract, roomInstanceSpec } from '@maestro/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTANCE_FILE, type InstanceRecord, LOG_FILE } from './instance-record';
import {
  ProcessGameRoomRuntime,
  type ProcessGameRoomRuntimeOptions,
} from './process-game-room-runtime.adapter';

const ROOMS_API = 'http://127.0.0.1:8070';
/** A room that runs until it is stopped, and stops at once on SIGTERM. */
const SLEEPER = ['sleep', '300'];

/** A room written as a small Node script (run with this test's node, by absolute path). */
const nodeRoom = (script: string): string[] => [process.execPath, '-e', script];

class RecordingLogger {
  readonly lines: string[] = [];
  log = (message: string): void => {
    this.lines.push(`log ${message}`);
  };
  warn = (message: string): void => {
    this.lines.push(`warn ${message}`);
  };
  error = (message: string): void => {
    this.lines.push(`error ${message}`);
  };
}

/** Whether `pid` runs; a zombie (exited, not yet reaped by init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

gameRoomRuntimeContract('ProcessGameRoomRuntime with real child processes', () => {
  const baseDir = mkdtempSync(join(tmpdir(), 'maestro-process-contract-'));
  const runtime = new ProcessGameRoomRuntime({
    baseDir,
    roomsApiAddress: ROOMS_API,
    maxGracePeriodMs: 2_000,
    logger: new RecordingLogger(),
  });
  return Promise.resolve({
    runtime,
    schedulerExists: (schedulerName: string) => Promise.resolve(existsSync(join(baseDir, schedulerName))),
    settleTimeoutMs: 5_000,
    roomCommand: SLEEPER,
    close: async () => {
      await runtime.close();
      rmSync(baseDir, { recursive: true, force: true });
    },
  });
});

describe('ProcessGameRoomRuntime', () => {
  let baseDir: string;
  let logger: RecordingLogger;
  const runtimes: ProcessGameRoomRuntime[] = [];
  let events: InstanceEvent[];

  const newRuntime = (options: Partial<ProcessGameRoomRuntimeOptions> = {}): ProcessGameRoomRuntime => {
    const runtime = new ProcessGameRoomRuntime({
      baseDir,
      roomsApiAddress: ROOMS_API,
      maxGracePeriodMs: 2_000,
      adoptedPollIntervalMs: 100,
      logger,
      ...options,
    });
    runtimes.push(runtime);
    return runtime;
  };

  const roomSpec = (
    roomId: string,
    command: readonly string[],
    overrides: Partial<RoomInstanceSpec> = {},
  ) => {
    const spec = roomInstanceSpec('arena', roomId, overrides);
    return {
      ...spec,
      containers: [{ ...spec.containers[0]!, command: [...command] }, ...spec.containers.slice(1)],
    };
  };

  const roomDir = (roomId: string): string => join(baseDir, 'arena', roomId);
  const recordOf = (roomId: string): InstanceRecord =>
    JSON.parse(readFileSync(join(roomDir(roomId), INSTANCE_FILE), 'utf8')) as InstanceRecord;
  const logOf = (roomId: string): string => readFileSync(join(roomDir(roomId), LOG_FILE), 'utf8');

  const reported = (roomId: string): (string | undefined)[] =>
    events
      .filter((event) => (event.kind === 'upserted' ? event.instance.roomId : event.roomId) === roomId)
      .map((event) => (event.kind === 'upserted' ? event.instance.status : 'deleted'));
  const latest = (roomId: string): RoomInstance | undefined =>
    events
      .flatMap((event) =>
        event.kind === 'upserted' && event.instance.roomId === roomId ? [event.instance] : [],
      )
      .at(-1);

  const started = async (runtime: ProcessGameRoomRuntime): Promise<void> => {
    events = [];
    await runtime.watch((event) => events.push(event));
    await runtime.ensureScheduler('arena');
  };

  beforeEach(() => {
    baseDir = mkdtempSync(join(tmpdir(), 'maestro-process-runtime-'));
    logger = new RecordingLogger();
    events = [];
  });

  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
    rmSync(baseDir, { recursive: true, force: true });
  });

  it("runs the first container's command in the room's directory with its environment and host ports", async () => {
    const runtime = newRuntime({ baseEnvironment: { GREETING: 'from the app' } });
    await started(runtime);
    const base = roomSpec(
      'room-1',
      nodeRoom(
        "require('fs').writeFileSync('env.json', JSON.stringify(process.env)); setInterval(() => {}, 1000);",
      ),
    );
    const spec: RoomInstanceSpec = {
      ...base,
      ports: [
        ...base.ports,
        { containerName: 'game', name: 'admin-http', protocol: 'tcp', containerPort: 9090, hostPort: 45_678 },
      ],
      containers: [
        {
          ...base.containers[0]!,
          environment: [
            { name: 'MODE', value: 'production' },
            { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'game-secrets', key: 'token' } } },
          ],
        },
        { ...base.containers[0]!, name: 'sidecar', command: ['false'] },
      ],
    };

    await runtime.createInstance(spec);

    const env = await eventually(
      () => JSON.parse(readFileSync(join(roomDir('room-1'), 'env.json'), 'utf8')) as Record<string, string>,
      { timeoutMs: 5_000, description: 'the room to write its environment' },
    );
    expect(env).toMatchObject({
      GREETING: 'from the app',
      MODE: 'production',
      MAESTRO_SCHEDULER_NAME: 'arena',
      MAESTRO_ROOM_ID: 'room-1',
      MAESTRO_ROOMS_API_ADDRESS: ROOMS_API,
      ROOMS_API_ADDRESS: ROOMS_API,
      MAESTRO_PORT_GAME: String(spec.ports[0]!.hostPort),
      MAESTRO_PORT_HTTP: String(spec.ports[1]!.hostPort),
      MAESTRO_PORT_ADMIN_HTTP: '45678',
    });
    expect(env).not.toHaveProperty('TOKEN');
    expect(logger.lines.filter((line) => line.includes('TOKEN'))).toEqual([
      expect.stringMatching(/^warn arena\/room-1: TOKEN left out of the environment: valueFrom/),
    ]);
    await runtime.createInstance({ ...spec, roomId: 'room-2' });
    const imageNotices = logger.lines.filter((line) => line.includes('registry.example.com/my-game:1.2.0'));
    expect(imageNotices).toEqual([
      expect.stringMatching(/^log arena: image \S+ is ignored by the process runtime/),
    ]);
    expect(logger.lines.filter((line) => line.includes('sidecar'))).toHaveLength(1);
    expect(await runtime.listInstances('arena')).toMatchObject([
      { roomId: 'room-1', status: 'ready', address: { host: '127.0.0.1', ports: spec.ports } },
      { roomId: 'room-2', status: 'ready' },
    ]);
  });

  it('reports a room that exits with a non-zero code as an error, and keeps it listed until deleted', async () => {
    const runtime = newRuntime();
    await started(runtime);

    await runtime.createInstance(roomSpec('room-1', nodeRoom('process.exit(3)')));

    await eventually(() => {
      expect(latest('room-1')).toMatchObject({ status: 'error', statusDescription: 'exited with code 3' });
    });
    expect(reported('room-1')).toEqual(['pending', 'ready', 'error']);
    expect(await runtime.listInstances('arena')).toMatchObject([{ roomId: 'room-1', status: 'error' }]);
    await expect(newRuntime().listInstances('arena')).resolves.toMatchObject([
      { roomId: 'room-1', status: 'error', statusDescription: 'exited with code 3' },
    ]);

    await runtime.deleteInstance('arena', 'room-1');

    await eventually(() => {
      expect(reported('room-1')).toEqual(['pending', 'ready', 'error', 'terminating', 'deleted']);
    });
    expect(await runtime.listInstances('arena')).toEqual([]);
  });

  it('reports a room whose command cannot start as an error with the reason', async () => {
    const runtime = newRuntime();
    await started(runtime);

    await runtime.createInstance(roomSpec('room-1', ['./no-such-server', '--port', '7777']));

    await eventually(() => {
      expect(latest('room-1')).toMatchObject({
        status: 'error',
        statusDescription: expect.stringMatching(/ENOENT/),
      });
    });
    expect(await runtime.listInstances('arena')).toMatchObject([{ roomId: 'room-1', status: 'error' }]);
  });

  it('reports a room that exits with code 0 as terminating, then deleted', async () => {
    const runtime = newRuntime();
    await started(runtime);

    await runtime.createInstance(roomSpec('room-1', nodeRoom('setTimeout(() => process.exit(0), 200)')));

    await eventually(() => {
      expect(reported('room-1')).toEqual(['pending', 'ready', 'terminating', 'deleted']);
    });
    expect(await runtime.listInstances('arena')).toEqual([]);
    expect(existsSync(join(roomDir('room-1'), INSTANCE_FILE))).toBe(false);
  });

  it("appends the room's stdout and stderr to its log file", async () => {
    const runtime = newRuntime();
    await started(runtime);

    await runtime.createInstance(
      roomSpec(
        'room-1',
        nodeRoom(
          "console.log('listening on', process.env.MAESTRO_PORT_GAME); console.error('a warning'); process.exit(0)",
        ),
      ),
    );
    await eventually(() => {
      expect(reported('room-1').at(-1)).toBe('deleted');
    });
    await runtime.createInstance(roomSpec('room-1', nodeRoom("console.log('second run')")));

    await eventually(() => {
      expect(logOf('room-1')).toContain('second run');
    });
    const log = logOf('room-1');
    expect(log).toMatch(/listening on \d+\n/);
    expect(log).toContain('a warning\n');
    expect(log).toContain('exited with code 0');
    expect(log.indexOf('a warning')).toBeLessThan(log.indexOf('second run'));
  });

  it('deletes a room with SIGTERM, then SIGKILL once the grace period is over', async () => {
    const runtime = newRuntime({ maxGracePeriodMs: 500 });
    await started(runtime);
    const stubborn = nodeRoom(
      "const fs = require('fs'); process.on('SIGTERM', () => fs.appendFileSync('signals', 'TERM\\n')); fs.writeFileSync('started', ''); setInterval(() => {}, 1000);",
    );
    await runtime.createInstance(roomSpec('room-1', stubborn, { terminationGracePeriodSeconds: 30 }));
    await eventually(() => {
      expect(existsSync(join(roomDir('room-1'), 'started'))).toBe(true);
    });
    const { pid } = recordOf('room-1');

    const deletedAt = Date.now();
    await runtime.deleteInstance('arena', 'room-1');
    await runtime.deleteInstance('arena', 'room-1');

    await eventually(() => {
      expect(reported('room-1')).toEqual(['pending', 'ready', 'terminating', 'deleted']);
    });
    expect(Date.now() - deletedAt).toBeGreaterThanOrEqual(450);
    expect(readFileSync(join(roomDir('room-1'), 'signals'), 'utf8')).toBe('TERM\n');
    expect(logOf('room-1')).toContain('killed by signal SIGKILL');
    expect(isAlive(pid!)).toBe(false);
    expect(logger.lines).toContainEqual(
      expect.stringMatching(/room-1 still running 500 ms after SIGTERM: SIGKILL/),
    );
  });

  it('adopts a room still running from a previous runtime on the same directory, and stops it on close', async () => {
    const previous = newRuntime();
    await started(previous);
    await previous.createInstance(roomSpec('room-1', SLEEPER));
    await previous.createInstance(roomSpec('room-2', SLEEPER));
    const pid = recordOf('room-1').pid!;
    const otherPid = recordOf('room-2').pid!;
    previous.detach();

    const restarted = newRuntime();
    await started(restarted);

    expect(events.slice(0, 2)).toEqual([
      {
        kind: 'upserted',
        instance: expect.objectContaining({ roomId: 'room-1', status: 'ready', version: 'v1.2.0' }),
      },
      { kind: 'upserted', instance: expect.objectContaining({ roomId: 'room-2', status: 'ready' }) },
    ]);
    expect(logger.lines).toContainEqual(
      `log arena/room-1: adopted its process (pid ${pid}), left by a previous runtime`,
    );
    expect(isAlive(pid)).toBe(true);

    // An adopted room is not our child: its end is noticed by polling.
    process.kill(otherPid, 'SIGKILL');
    await eventually(() => {
      expect(reported('room-2').at(-1)).toBe('deleted');
    });

    await restarted.close();

    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(roomDir('room-1'), INSTANCE_FILE))).toBe(false);
  });

  it('cleans up a room whose process died while no runtime was watching', async () => {
    const previous = newRuntime();
    await started(previous);
    await previous.createInstance(roomSpec('room-1', SLEEPER));
    const { pid } = recordOf('room-1');
    previous.detach();
    process.kill(pid!, 'SIGKILL');
    await eventually(() => {
      expect(isAlive(pid!)).toBe(false);
    });

    const restarted = newRuntime();

    expect(await restarted.listInstances()).toEqual([]);
    expect(existsSync(join(roomDir('room-1'), INSTANCE_FILE))).toBe(false);
    expect(logger.lines).toContainEqual(`log arena/room-1: its process (pid ${pid}) is gone; cleaning up`);
  });

  it('leaves no room process behind once closed, even one that ignores SIGTERM, and refuses new rooms', async () => {
    const runtime = newRuntime({ maxGracePeriodMs: 300 });
    await started(runtime);
    await runtime.createInstance(roomSpec('room-1', SLEEPER));
    await runtime.createInstance(
      roomSpec(
        'room-2',
        nodeRoom(
          "process.on('SIGTERM', () => {}); require('fs').writeFileSync('started', ''); setInterval(() => {}, 1000);",
        ),
      ),
    );
    // `sh -c` starts a grandchild: it must go with the room's process group.
    await runtime.createInstance(roomSpec('room-3', ['sh', '-c', 'sleep 300 & echo $! > grandchild; wait']));
    await eventually(() => {
      expect(existsSync(join(roomDir('room-2'), 'started'))).toBe(true);
      expect(readFileSync(join(roomDir('room-3'), 'grandchild'), 'utf8')).toMatch(/^\d+\n$/);
    });
    const pids = ['room-1', 'room-2', 'room-3'].map((roomId) => recordOf(roomId).pid!);
    const grandchild = Number(readFileSync(join(roomDir('room-3'), 'grandchild'), 'utf8'));

    await runtime.close();

    expect([...pids, grandchild].filter(isAlive)).toEqual([]);
    await expect(runtime.createInstance(roomSpec('room-4', SLEEPER))).rejects.toMatchObject({
      code: 'RuntimeUnavailable',
    });
  });

  it('refuses names that are not plain directory names', async () => {
    const runtime = newRuntime();

    await expect(runtime.ensureScheduler('../outside')).rejects.toMatchObject({
      code: 'RuntimeRequestRejected',
    });
    await runtime.ensureScheduler('arena');
    await expect(runtime.createInstance(roomSpec('../../escape', SLEEPER))).rejects.toMatchObject({
      code: 'RuntimeRequestRejected',
    });
  });
});
