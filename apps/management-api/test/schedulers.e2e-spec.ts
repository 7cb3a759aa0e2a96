import {
  type AppProcess,
  createTestDatabase,
  eventually,
  type JsonResponse,
  request,
  startApp,
  type TestDatabase,
} from '@maestro/testing';
import { Client } from 'pg';

/**
 * Maestro's scheduler endpoints, black-box over HTTP against the built app and a fresh database:
 * paths, bodies, status codes and messages as the reference gives them (§2.1, §2.3, §4).
 */
const users = { studio: 's3cret', ops: 'other-secret' };
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const studio = basic('studio', users.studio);
const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

/** A valid CreateSchedulerRequest, as Maestro's docs write one. */
const schedulerBody = (name: string, game = 'zooba', overrides: Record<string, unknown> = {}) => ({
  name,
  game,
  portRange: { start: 40000, end: 60000 },
  maxSurge: '10%',
  roomsReplicas: 6,
  spec: {
    terminationGracePeriod: '100s',
    containers: [
      {
        name: 'game',
        image: 'img:1',
        imagePullPolicy: 'IfNotPresent',
        command: ['./run'],
        environment: [
          { name: 'A', value: 'b' },
          { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'C', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        ],
        requests: { memory: '100Mi', cpu: '100m' },
        limits: { memory: '200Mi', cpu: '200m' },
        ports: [{ name: 'port-name', protocol: 'tcp', port: 12345 }],
      },
    ],
  },
  forwarders: [{ name: 'fwd', enable: true, type: 'gRPC', address: '127.0.0.1:9090' }],
  ...overrides,
});

/** What Maestro answers for `schedulerBody(name, game)`, but for `createdAt`. */
const expectedScheduler = (name: string, game = 'zooba') => ({
  name,
  game,
  state: 'creating',
  portRange: { start: 40000, end: 60000 },
  createdAt: expect.stringMatching(rfc3339),
  maxSurge: '10%',
  roomsReplicas: 6,
  spec: {
    version: 'v1.0.0',
    terminationGracePeriod: '100s',
    containers: [
      {
        name: 'game',
        image: 'img:1',
        imagePullPolicy: 'IfNotPresent',
        command: ['./run'],
        environment: [
          { name: 'A', value: 'b' },
          { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'C', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        ],
        requests: { memory: '100Mi', cpu: '100m' },
        limits: { memory: '200Mi', cpu: '200m' },
        ports: [{ name: 'port-name', protocol: 'tcp', port: 12345, hostPort: 0 }],
      },
    ],
    toleration: '',
    affinity: '',
    restartPolicy: 'Never',
  },
  forwarders: [
    {
      name: 'fwd',
      enable: true,
      type: 'gRPC',
      address: '127.0.0.1:9090',
      options: { timeout: '1000', metadata: {} },
    },
  ],
  annotations: {},
  labels: {},
  matchAllocation: { maxMatches: 1 },
});

const maestroError = (code: number, message: string) => ({ code, message, details: [] });

describe('management API: schedulers', () => {
  let database: TestDatabase;
  let app: AppProcess;

  const api = <T = unknown>(
    method: string,
    path: string,
    { body, authorization = studio }: { body?: unknown; authorization?: string | null } = {},
  ): Promise<JsonResponse<T>> =>
    request<T>(method, `${app.url}${path}`, {
      body,
      headers: authorization === null ? {} : { authorization },
    });

  const create = (body: unknown) =>
    api<{ scheduler: Record<string, unknown> }>('POST', '/schedulers', { body });

  beforeAll(async () => {
    database = await createTestDatabase('mgmt_schedulers');
    app = await startApp('management-api', {
      DATABASE_URL: database.url,
      MANAGEMENT_API_USERS: `studio:${users.studio},ops:${users.ops}`,
    });
    await eventually(
      async () => {
        expect((await request('GET', `${app.url}/readyz`)).status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 200, description: 'management-api ready' },
    );
  });

  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  describe('POST /schedulers', () => {
    it('answers 200 with the created scheduler: creating, v1.0.0, defaults filled in', async () => {
      const response = await create(schedulerBody('create-ok'));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ scheduler: expectedScheduler('create-ok') });
    });

    it('answers 409 for a name that is taken', async () => {
      await create(schedulerBody('create-twice'));
      const response = await create(schedulerBody('create-twice', 'another-game'));
      expect(response.status).toBe(409);
      expect(response.body).toEqual(
        maestroError(6, 'error creating scheduler create-twice: name already exists'),
      );
    });

    it('accepts snake_case field names and ignores fields it does not know', async () => {
      const body = {
        ...schedulerBody('create-snake'),
        rooms_replicas: 2,
        max_surge: '3',
        port_range: { start: 1000, end: 2000 },
        match_allocation: { max_matches: 2 },
        favourite_colour: 'blue',
        state: 'in-sync',
      };
      delete (body as Partial<typeof body>).roomsReplicas;
      delete (body as Partial<typeof body>).maxSurge;
      delete (body as Partial<typeof body>).portRange;
      const response = await create(body);
      expect(response.status).toBe(200);
      expect(response.body.scheduler).toMatchObject({
        state: 'creating',
        roomsReplicas: 2,
        maxSurge: '3',
        portRange: { start: 1000, end: 2000 },
        matchAllocation: { maxMatches: 2 },
      });
    });

    it('answers 400 with every failed field, in Maestro’s words', async () => {
      const response = await create({
        name: 'Bad_Name',
        game: 'zooba',
        maxSurge: '10%',
        roomsReplicas: -1,
        portRange: { start: 1, end: 100 },
        spec: {
          terminationGracePeriod: '0s',
          containers: [
            {
              name: 'game',
              image: 'img',
              imagePullPolicy: 'Sometimes',
              requests: { memory: '1Mi', cpu: '1m' },
              limits: { memory: '1Mi', cpu: '1m' },
              ports: [{ name: 'a-very-long-port-name', protocol: 'http', port: 80 }],
            },
          ],
        },
        forwarders: [{ type: 'gRPC', address: 'x:1' }],
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        maestroError(
          3,
          [
            'Validation Error:',
            'Scheduler.Name: Name must follow the public RFC 1123 about naming conventions',
            'Scheduler.Spec.TerminationGracePeriod: TerminationGracePeriod must be greater than 0',
            'Scheduler.Spec.Containers[0].ImagePullPolicy: ImagePullPolicy must be one of the following options: Always, Never, IfNotPresent',
            'Scheduler.Spec.Containers[0].Ports[0].Name: Name must be a maximum of 15 characters in length',
            'Scheduler.Spec.Containers[0].Ports[0].Protocol: Protocol must be one of the following options: tcp, udp, sctp',
            'Scheduler.RoomsReplicas: RoomsReplicas must be 0 or greater',
            'Scheduler.Forwarders[0].Name: Name is a required field',
          ].join('\n'),
        ),
      );
    });

    it('answers 400 with a plain message for a missing or doubled port range', async () => {
      const noRange = await create(schedulerBody('no-range', 'zooba', { portRange: null }));
      expect(noRange.status).toBe(400);
      expect(noRange.body).toEqual(
        maestroError(3, 'must configure scheduler.PortRange or scheduler.Spec.Container.Ports.HostPortRange'),
      );
      const body = schedulerBody('both-ranges');
      body.spec.containers[0]!.ports = [
        { name: 'game', protocol: 'udp', port: 7777, hostPortRange: { start: 20000, end: 21000 } } as never,
      ];
      const both = await create(body);
      expect(both.status).toBe(400);
      expect(both.body).toEqual(
        maestroError(
          3,
          'scheduler.PortRange and scheduler.Spec.Container.Ports.HostPortRange are mutually exclusive',
        ),
      );
    });

    it('answers 400 for invalid autoscaling, reported on its own', async () => {
      const response = await create(
        schedulerBody('bad-autoscaling', 'zooba', {
          name: '',
          autoscaling: { enabled: true, min: 5, max: 3, policy: { type: 'roomOccupancy' } },
        }),
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        maestroError(
          3,
          'Validation Error:\nAutoscaling.Min: Min must be a number lower than Max\nAutoscaling.Policy.RoomOccupancy: RoomOccupancy must not be nil for RoomOccupancy policy type',
        ),
      );
    });

    it('answers 400 for a value of the wrong JSON type and for malformed JSON', async () => {
      const wrongType = await create(schedulerBody('wrong-type', 'zooba', { maxSurge: 40 }));
      expect(wrongType.status).toBe(400);
      expect(wrongType.body).toEqual(maestroError(3, 'proto: invalid value for string field maxSurge: 40'));

      const malformed = await api<{ code: number; message: string }>('POST', '/schedulers', {
        body: '{"name": ',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe(3);
      expect(malformed.body.message).toMatch(/^proto: syntax error: /);

      const notAnObject = await api('POST', '/schedulers', { body: '[]' });
      expect(notAnObject.status).toBe(400);
    });

    it('reads the body as JSON whatever its content type, as curl -d sends it', async () => {
      const response = await request<{ scheduler: unknown }>('POST', `${app.url}/schedulers`, {
        body: JSON.stringify(schedulerBody('form-encoded')),
        headers: { authorization: studio, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(200);
      expect(response.body.scheduler).toEqual(expectedScheduler('form-encoded'));
    });
  });

  describe('reading schedulers back', () => {
    let created: Record<string, unknown>;

    beforeAll(async () => {
      created = (await create(schedulerBody('read-alpha', 'chess'))).body.scheduler;
      await create(schedulerBody('read-bravo', 'chess'));
      await create(schedulerBody('read-charlie', 'go'));
    });

    it('gets a scheduler exactly as its creation answered it', async () => {
      const response = await api('GET', '/schedulers/read-alpha');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ scheduler: created });
    });

    it('gets a version by number, and 404 for an unknown scheduler or version', async () => {
      expect((await api('GET', '/schedulers/read-alpha?version=v1.0.0')).body).toEqual({
        scheduler: created,
      });
      const unknownVersion = await api('GET', '/schedulers/read-alpha?version=v9.9.9');
      expect(unknownVersion.status).toBe(404);
      expect(unknownVersion.body).toEqual(maestroError(5, 'scheduler read-alpha not found'));
      const unknown = await api('GET', '/schedulers/read-zulu');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual(maestroError(5, 'scheduler read-zulu not found'));
    });

    it('lists active versions without their spec, filtered by game, name and version', async () => {
      const all = await api<{ schedulers: { name: string }[] }>('GET', '/schedulers');
      expect(all.status).toBe(200);
      expect(all.body.schedulers.map((item) => item.name)).toEqual(
        expect.arrayContaining(['read-alpha', 'read-bravo', 'read-charlie']),
      );

      const chess = await api('GET', '/schedulers?game=chess');
      expect(chess.body).toEqual({
        schedulers: ['read-alpha', 'read-bravo'].map((name) => ({
          name,
          game: 'chess',
          state: 'creating',
          version: 'v1.0.0',
          portRange: { start: 40000, end: 60000 },
          createdAt: expect.stringMatching(rfc3339),
          maxSurge: '10%',
          roomsReplicas: 6,
          matchAllocation: { maxMatches: 1 },
        })),
      });

      const byName = await api<{ schedulers: { name: string }[] }>(
        'GET',
        '/schedulers?name=read-bravo&game=chess&version=v1.0.0',
      );
      expect(byName.body.schedulers.map((item) => item.name)).toEqual(['read-bravo']);
      expect((await api('GET', '/schedulers?game=chess&version=v2.0.0')).body).toEqual({ schedulers: [] });
      expect((await api('GET', '/schedulers?game=no-such-game')).body).toEqual({ schedulers: [] });
    });

    it('lists versions newest first with the active one marked, and 404 for an unknown scheduler', async () => {
      const response = await api('GET', '/schedulers/read-alpha/versions');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        versions: [{ version: 'v1.0.0', isActive: true, createdAt: created.createdAt }],
      });
      const unknown = await api('GET', '/schedulers/read-zulu/versions');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual(maestroError(5, 'scheduler read-zulu not found'));
    });
  });

  describe('GET /schedulers/info', () => {
    beforeAll(async () => {
      await create(schedulerBody('info-rooms', 'tennis'));
      await create(
        schedulerBody('info-autoscaled', 'tennis', {
          autoscaling: {
            enabled: true,
            min: 2,
            max: 8,
            cooldown: 30,
            policy: { type: 'roomOccupancy', parameters: { roomOccupancy: { readyTarget: 0.5 } } },
          },
        }),
      );
      // The worker owns `rooms`; this test plays its part.
      const client = new Client({ connectionString: database.url });
      await client.connect();
      const statuses = [
        'ready',
        'ready',
        'ready',
        'occupied',
        'occupied',
        'pending',
        'terminating',
        'unready',
        'error',
      ];
      for (const [index, status] of statuses.entries()) {
        await client.query(
          `INSERT INTO rooms (scheduler_name, room_id, version, status, created_at)
           VALUES ('info-rooms', $1, 'v1.0.0', $2, now())`,
          [`info-rooms-${index}`, status],
        );
      }
      await client.end();
    });

    it('counts each scheduler’s ready, occupied, pending and terminating rooms', async () => {
      const response = await api('GET', '/schedulers/info?game=tennis');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        schedulers: [
          {
            name: 'info-autoscaled',
            game: 'tennis',
            state: 'creating',
            roomsReplicas: 6,
            roomsReady: 0,
            roomsOccupied: 0,
            roomsPending: 0,
            roomsTerminating: 0,
            autoscaling: { enabled: true, min: 2, max: 8, cooldown: 0 },
          },
          {
            name: 'info-rooms',
            game: 'tennis',
            state: 'creating',
            roomsReplicas: 6,
            roomsReady: 3,
            roomsOccupied: 2,
            roomsPending: 1,
            roomsTerminating: 1,
            autoscaling: null,
          },
        ],
      });
    });

    it('answers an unknown game with an empty list and no game with every scheduler', async () => {
      expect((await api('GET', '/schedulers/info?game=curling')).body).toEqual({ schedulers: [] });
      const all = await api<{ schedulers: { name: string }[] }>('GET', '/schedulers/info');
      expect(all.body.schedulers.map((item) => item.name)).toEqual(
        expect.arrayContaining(['info-rooms', 'info-autoscaled', 'read-alpha']),
      );
    });

    it('is never read as a scheduler named "info"', async () => {
      expect((await create(schedulerBody('info', 'squash'))).status).toBe(200);
      const response = await api('GET', '/schedulers/info?game=squash');
      expect(response.body).toEqual({
        schedulers: [expect.objectContaining({ name: 'info', game: 'squash', roomsReady: 0 })],
      });
    });
  });

  describe('Basic authentication', () => {
    it('answers 401 with a Basic challenge without credentials', async () => {
      for (const [method, path] of [
        ['GET', '/schedulers'],
        ['POST', '/schedulers'],
        ['GET', '/schedulers/info'],
        ['GET', '/schedulers/read-alpha'],
        ['GET', '/schedulers/read-alpha/versions'],
      ] as const) {
        const response = await api<{ code: number }>(method, path, {
          authorization: null,
          body: method === 'POST' ? {} : undefined,
        });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Basic realm="maestro"');
        expect(response.body).toEqual(maestroError(16, 'missing credentials'));
      }
    });

    it('answers 401 for a wrong password or an unknown user, and lets every configured user in', async () => {
      for (const authorization of [basic('studio', 'guess'), basic('mallory', users.studio)]) {
        const response = await api('GET', '/schedulers', { authorization });
        expect(response.status).toBe(401);
        expect(response.body).toEqual(maestroError(16, 'invalid credentials'));
      }
      expect((await api('GET', '/schedulers', { authorization: basic('ops', users.ops) })).status).toBe(200);
    });

    it('keeps health, readiness and metrics open', async () => {
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        expect((await request('GET', `${app.url}${path}`)).status).toBe(200);
      }
    });
  });

  describe('routes', () => {
    it('answers 404 Not Found for an unknown route', async () => {
      for (const path of ['/nothing-here', '/schedulers/read-alpha/rooms', '/scheduler']) {
        const response = await api('GET', path);
        expect(response.status).toBe(404);
        expect(response.body).toEqual(maestroError(5, 'Not Found'));
      }
    });

    it('answers 501 Method Not Allowed for a known path with another method', async () => {
      for (const [method, path] of [
        ['DELETE', '/schedulers'],
        ['DELETE', '/schedulers/read-alpha/versions'],
        ['PATCH', '/schedulers/read-alpha/operations'],
        ['POST', '/schedulers/read-alpha/versions'],
        ['POST', '/healthz'],
      ] as const) {
        const response = await api(method, path);
        expect(response.status).toBe(501);
        expect(response.body).toEqual(maestroError(12, 'Method Not Allowed'));
      }
    });
  });
});

describe('management API authentication settings', () => {
  let database: TestDatabase;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('mgmt_auth');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database.drop();
  });

  it('refuses to start without a user, naming the setting', async () => {
    await expect(startApp('management-api', { DATABASE_URL: database.url })).rejects.toThrow(
      /exited with 1 during startup:[\s\S]*MANAGEMENT_API_USERS/,
    );
  });

  it('serves the scheduler routes without credentials only when told MANAGEMENT_API_AUTH=disabled', async () => {
    const app = await startApp('management-api', {
      DATABASE_URL: database.url,
      MANAGEMENT_API_AUTH: 'disabled',
    });
    apps.push(app);
    await eventually(
      async () => {
        const response = await request('GET', `${app.url}/schedulers`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ schedulers: [] });
      },
      { timeoutMs: 60_000, intervalMs: 200, description: 'the open scheduler list' },
    );
  });
});
