import { ApiException, type V1Pod } from '@kubernetes/client-node';
import { type InstanceEvent } from '@maestro/application';
import { eventually } from '@maestro/testing';
import { type PodList, type PodSource, type PodWatchEvent } from './pod.source';
import { PodWatcher, type PodWatcherOptions } from './pod.watcher';

interface Stream {
  readonly onEvent: (event: PodWatchEvent) => void;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** A pretend API server: its pods, and the watch stream it has open, driven by the test. */
class ScriptedPodSource implements PodSource {
  readonly pods = new Map<string, V1Pod>();
  readonly listFailures: Error[] = [];
  lists = 0;
  private stream: Stream | undefined;

  list(): Promise<PodList> {
    this.lists += 1;
    const failure = this.listFailures.shift();
    if (failure) return Promise.reject(failure);
    return Promise.resolve({ pods: [...this.pods.values()], resourceVersion: String(this.lists) });
  }

  watch(
    _resourceVersion: string,
    onEvent: (event: PodWatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const stream: Stream = { onEvent, resolve, reject };
      this.stream = stream;
      signal.addEventListener('abort', () => {
        if (this.stream === stream) this.stream = undefined;
        reject(new Error('aborted'));
      });
    });
  }

  get watching(): boolean {
    return this.stream !== undefined;
  }

  /** A pod appears; the open watch hears of it unless `missed`. */
  add(pod: V1Pod, { missed = false } = {}): void {
    this.pods.set(pod.metadata!.name!, pod);
    if (!missed) this.stream?.onEvent({ type: 'ADDED', pod });
  }

  remove(name: string, { missed = false } = {}): void {
    const pod = this.pods.get(name)!;
    this.pods.delete(name);
    if (!missed) this.stream?.onEvent({ type: 'DELETED', pod });
  }

  sendError(message: string): void {
    this.stream?.onEvent({ type: 'ERROR', message });
    this.endStream();
  }

  failStream(error: Error): void {
    const stream = this.stream;
    this.stream = undefined;
    stream?.reject(error);
  }

  endStream(): void {
    const stream = this.stream;
    this.stream = undefined;
    stream?.resolve();
  }
}

function pod(name: string, phase = 'Running'): V1Pod {
  return {
    metadata: {
      name,
      namespace: 'arena',
      labels: { 'maestro-scheduler': 'arena', 'maestro-room': name, version: 'v1.0.0' },
    },
    status: { phase },
  };
}

function describeEvent(event: InstanceEvent): string {
  return event.kind === 'upserted'
    ? `upserted ${event.instance.roomId} ${event.instance.status}`
    : `deleted ${event.roomId}`;
}

describe('PodWatcher', () => {
  let source: ScriptedPodSource;
  let events: string[];
  let warnings: string[];
  let errors: string[];
  let watcher: PodWatcher | undefined;

  const options = (overrides: Partial<PodWatcherOptions> = {}): PodWatcherOptions => ({
    resyncIntervalMs: 60_000,
    retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
    logger: { warn: (message) => warnings.push(message), error: (message) => errors.push(message) },
    ...overrides,
  });

  const start = async (overrides: Partial<PodWatcherOptions> = {}): Promise<PodWatcher> => {
    watcher = new PodWatcher(source, (event) => events.push(describeEvent(event)), options(overrides));
    await watcher.start();
    return watcher;
  };

  beforeEach(() => {
    source = new ScriptedPodSource();
    events = [];
    warnings = [];
    errors = [];
  });

  afterEach(async () => {
    await watcher?.stop();
    watcher = undefined;
    jest.useRealTimers();
  });

  it('reports every existing pod before start() resolves', async () => {
    source.add(pod('room-1'));
    source.add(pod('room-2', 'Pending'));

    await start();

    expect(events).toEqual(['upserted room-1 ready', 'upserted room-2 pending']);
  });

  it('reports pods the watch sees appear, change and go', async () => {
    await start();
    await eventually(() => {
      expect(source.watching).toBe(true);
    });

    source.add(pod('room-1', 'Pending'));
    source.add(pod('room-1'));
    source.remove('room-1');

    expect(events).toEqual(['upserted room-1 pending', 'upserted room-1 ready', 'deleted room-1']);
  });

  it('corrects, at the next re-list, a deletion and a creation the watch missed', async () => {
    source.add(pod('room-1'));
    await start({ resyncIntervalMs: 20 });
    await eventually(() => {
      expect(source.watching).toBe(true);
    });

    source.remove('room-1', { missed: true });
    source.add(pod('room-2'), { missed: true });

    await eventually(() => {
      expect(events).toEqual(expect.arrayContaining(['deleted room-1', 'upserted room-2 ready']));
    });
    expect(events.filter((event) => event === 'deleted room-1')).toHaveLength(1);
  });

  it('re-reports every pod at each re-list, so a consumer that lost state catches up', async () => {
    source.add(pod('room-1'));
    await start({ resyncIntervalMs: 20 });

    await eventually(() => {
      expect(events.filter((event) => event === 'upserted room-1 ready').length).toBeGreaterThan(2);
    });
  });

  it('lists again after the watch fails, reporting what changed meanwhile', async () => {
    source.add(pod('room-1'));
    await start();
    await eventually(() => {
      expect(source.watching).toBe(true);
    });

    source.failStream(new Error('connection reset'));
    source.remove('room-1', { missed: true });

    await eventually(() => {
      expect(events).toContain('deleted room-1');
    });
    await eventually(() => {
      expect(source.watching).toBe(true);
    });
    expect(warnings[0]).toMatch(/connection reset/);
  });

  it('lists again when the server says the watch cannot continue (410 Gone)', async () => {
    await start();
    await eventually(() => {
      expect(source.watching).toBe(true);
    });
    const listsBefore = source.lists;

    source.sendError('410 Expired: too old resource version');

    await eventually(() => {
      expect(source.lists).toBe(listsBefore + 1);
    });
    expect(warnings[0]).toMatch(/410 Expired/);
  });

  it('backs off when the server keeps closing the watch at once', async () => {
    await start();
    for (let failure = 1; failure <= 3; failure++) {
      await eventually(() => {
        expect(source.watching).toBe(true);
      });
      source.endStream();
      await eventually(() => {
        expect(warnings).toHaveLength(failure);
      });
    }
    expect(warnings.map((warning) => /failure (\d+)/.exec(warning)?.[1])).toEqual(['1', '2', '3']);
  });

  it('keeps retrying a failing list once started, and recovers', async () => {
    await start();
    await eventually(() => {
      expect(source.watching).toBe(true);
    });
    source.listFailures.push(new Error('ECONNREFUSED'), new Error('ECONNREFUSED'), new Error('ECONNREFUSED'));

    source.failStream(new Error('connection reset'));
    source.add(pod('room-1'), { missed: true });

    await eventually(() => {
      expect(events).toContain('upserted room-1 ready');
    });
    expect(warnings.length).toBeGreaterThanOrEqual(4);
  });

  it('fails to start with RuntimeUnavailable when the first list keeps failing', async () => {
    source.listFailures.push(
      ...Array.from({ length: 5 }, () => Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
    );

    await expect(start()).rejects.toMatchObject({ code: 'RuntimeUnavailable' });
    expect(source.lists).toBe(3);
  });

  it('fails to start at once with RuntimeRequestRejected when listing pods is forbidden', async () => {
    source.listFailures.push(new ApiException(403, 'Forbidden', '{"reason":"Forbidden","message":"no"}', {}));

    await expect(start()).rejects.toMatchObject({ code: 'RuntimeRequestRejected' });
    expect(source.lists).toBe(1);
  });

  it('keeps reporting to a listener that threw once', async () => {
    let calls = 0;
    watcher = new PodWatcher(
      source,
      (event) => {
        calls += 1;
        if (calls === 1) throw new Error('listener bug');
        events.push(describeEvent(event));
      },
      options(),
    );
    source.add(pod('room-1'));
    source.add(pod('room-2'));

    await watcher.start();

    expect(events).toEqual(['upserted room-2 ready']);
    expect(errors[0]).toMatch(/listener bug/);
  });

  it('leaves no timer and no open watch once stopped, even while backing off', async () => {
    // Real setImmediate lets the test wait for the watcher's promises while its timers are fake.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    const stopped = await start();
    await settled();
    expect(source.watching).toBe(true);
    source.failStream(new Error('connection reset'));
    await settled();
    expect(warnings).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(1);

    await stopped.stop();

    expect(jest.getTimerCount()).toBe(0);
    expect(source.watching).toBe(false);
  });
});
