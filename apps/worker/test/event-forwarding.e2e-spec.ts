import { type V1Pod } from '@kubernetes/client-node';
import { RecordingForwarderServer } from '@maestro/event-forwarding';
import { KubernetesClient } from '@maestro/k8s-runtime';
import {
  type AppProcess,
  createTestDatabase,
  eventually,
  request,
  startApp,
  type TestDatabase,
  testEnvironment,
} from '@maestro/testing';
import { randomBytes } from 'node:crypto';

/**
 * A scheduler whose forwarder is a real gRPC server the test runs: room and player events sent to
 * the rooms API, pings and a vanished pod reach it as Maestro's forwarder messages. The three
 * services run as processes over the real Postgres, Kafka and Kubernetes API of tools/testenv.
 */
const credentials = { user: 'studio', password: 's3cret' };
const authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;

describe('event forwarding: rooms API and worker → gRPC forwarder', () => {
  const environment = testEnvironment();
  const kubernetes = KubernetesClient.fromKubeconfig(environment.kubeconfigPath);
  const schedulerName = `fwd-${randomBytes(3).toString('hex')}`;
  const game = `game-${schedulerName}`;
  let forwarder: RecordingForwarderServer;
  let database: TestDatabase;
  let managementApi: AppProcess;
  let roomsApi: AppProcess;
  let worker: AppProcess;
  let roomId: string;
  /** The scheduler's other room: its pings mark how far the worker has forwarded. */
  let otherRoomId: string;
  let clientHostPort: number;

  const runningPods = async (): Promise<V1Pod[]> => {
    const pods = await kubernetes.core.listNamespacedPod({ namespace: schedulerName });
    return pods.items.filter(
      (pod) => pod.metadata?.deletionTimestamp === undefined && pod.status?.phase === 'Running',
    );
  };

  const ping = (room: string, status: string, metadata: Record<string, unknown>) =>
    request<{ success: boolean }>('PUT', `${roomsApi.url}/scheduler/${schedulerName}/rooms/${room}/ping`, {
      body: { status, timestamp: String(Date.now()), metadata },
    });

  const resyncsOf = (room: string) =>
    forwarder.callsOf('SendRoomResync').filter((call) => call.message.room.roomId === room);

  /** Sends until the rooms API answers success (it learns schedulers and rooms from Kafka). */
  const sendUntilForwarded = (path: string, body: unknown) =>
    eventually(
      async () => {
        const response = await request<{ success: boolean; message: string }>(
          'POST',
          `${roomsApi.url}/scheduler/${schedulerName}/rooms/${roomId}/${path}`,
          { body },
        );
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ success: true, message: '' });
      },
      { timeoutMs: 30_000, intervalMs: 250, description: `${path} forwarded` },
    );

  beforeAll(async () => {
    forwarder = await RecordingForwarderServer.start();
    database = await createTestDatabase('event_forwarding');
    [managementApi, roomsApi, worker] = await Promise.all([
      startApp('management-api', {
        DATABASE_URL: database.url,
        MANAGEMENT_API_USERS: `${credentials.user}:${credentials.password}`,
      }),
      startApp('room-ping-ingest', { KAFKA_BROKERS: environment.kafkaBrokers.join(',') }),
      startApp('worker', {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: environment.kafkaBrokers.join(','),
        KUBECONFIG: environment.kubeconfigPath,
        RECONCILE_INTERVAL_MS: '2000',
        KAFKA_CONSUMER_GROUP: `worker-${schedulerName}`,
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([managementApi.stop(), roomsApi.stop(), worker.stop()]);
    await forwarder.stop();
    await kubernetes.core.deleteNamespace({ name: schedulerName }).catch(() => undefined);
    await database.drop();
  });

  it('runs a room of a scheduler that has a gRPC forwarder', async () => {
    const created = await request('POST', `${managementApi.url}/schedulers`, {
      headers: { authorization },
      body: {
        name: schedulerName,
        game,
        roomsReplicas: 2,
        portRange: { start: 22000, end: 23000 },
        maxSurge: '10%',
        spec: {
          terminationGracePeriod: '100s',
          containers: [
            {
              name: 'game',
              image: 'my-game:1.0',
              imagePullPolicy: 'IfNotPresent',
              command: ['./run-server'],
              environment: [],
              requests: { memory: '100Mi', cpu: '100m' },
              limits: { memory: '200Mi', cpu: '200m' },
              // Maestro's customary `clientPort`, which Kubernetes only takes as `clientport`: the
              // forwarders must still be told this port, not the first one.
              ports: [
                { name: 'metrics', protocol: 'tcp', port: 9100 },
                { name: 'clientPort', protocol: 'udp', port: 7777 },
              ],
            },
          ],
        },
        forwarders: [
          {
            name: 'matchmaker',
            enable: true,
            type: 'gRPC',
            address: forwarder.address,
            options: { timeout: 2000, metadata: { roomType: 'duel', region: 'eu' } },
          },
        ],
      },
    });
    expect(created.status).toBe(200);

    const [pod, other] = await eventually(
      async () => {
        const running = await runningPods();
        expect(running).toHaveLength(2);
        return running;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'two Running pods' },
    );
    roomId = pod!.metadata!.name!;
    otherRoomId = other!.metadata!.name!;
    const clientPort = pod!.spec!.containers[0]!.ports!.find((port) => port.name === 'clientport');
    clientHostPort = clientPort!.hostPort!;
  });

  it('forwards a room event sent to the rooms API, with the room, its client port and metadata', async () => {
    await sendUntilForwarded('roomevent', {
      event: 'matchStarted',
      timestamp: String(Date.now()),
      metadata: { players: 2, region: 'us' },
    });
    const [call] = forwarder.callsOf('SendRoomEvent');
    expect(call?.message).toEqual({
      room: {
        game,
        roomId,
        host: expect.any(String) as unknown,
        port: clientHostPort,
        roomType: 'duel',
        metadata: expect.objectContaining({
          players: '2',
          region: 'eu',
          roomType: 'duel',
          eventType: 'roomEvent',
          roomEvent: 'matchStarted',
        }) as unknown,
      },
      eventType: 'matchStarted',
      metadata: expect.objectContaining({ eventType: 'roomEvent' }) as unknown,
    });
    expect(call?.deadlineMs).toBeLessThanOrEqual(2000);
  });

  it('forwards a player event sent to the rooms API', async () => {
    await sendUntilForwarded('playerevent', {
      event: 'playerJoin',
      timestamp: Date.now(),
      metadata: { playerId: 'player-42' },
    });
    expect(forwarder.callsOf('SendPlayerEvent')).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({
          playerId: 'player-42',
          eventType: 'PLAYER_JOINED',
          room: expect.objectContaining({ game, roomId, roomType: 'duel' }) as unknown,
          metadata: { playerId: 'player-42', eventType: 'playerJoin', roomType: 'duel' },
        }) as unknown,
      }),
    ]);
  });

  it('forwards a resync for a ping, from the worker', async () => {
    await eventually(
      async () => {
        const answer = await ping(roomId, 'occupied', { map: 'de_dust' });
        expect(answer.body).toEqual({ success: true });
        const [resync] = resyncsOf(roomId);
        expect(resync?.message).toMatchObject({
          statusType: 'occupied',
          room: {
            game,
            port: clientHostPort,
            metadata: { map: 'de_dust', eventType: 'resync', pingType: 'occupied' },
          },
        });
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'a resync at the forwarder' },
    );
  });

  it('forwards no resync for a ping whose status may not follow the room’s', async () => {
    // The occupied room says terminated without terminating first: Maestro refuses that ping.
    expect((await ping(roomId, 'terminated', { marker: 'invalid' })).body).toEqual({ success: true });
    // Pings of one scheduler are forwarded in order: once a later ping of the other room is at the
    // forwarder, the invalid one has been judged.
    await eventually(
      async () => {
        await ping(otherRoomId, 'ready', { marker: 'after-invalid' });
        expect(resyncsOf(otherRoomId)).not.toEqual([]);
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'a resync of the other room' },
    );
    expect(resyncsOf(roomId).map((call) => call.message.statusType)).not.toContain('terminated');
    expect(forwarder.callsOf('SendRoomStatus').filter((call) => call.message.room.roomId === roomId)).toEqual(
      [],
    );
  });

  it('forwards terminated once the room’s pod vanished and the worker deleted the room', async () => {
    await kubernetes.core.deleteNamespacedPod({
      name: roomId,
      namespace: schedulerName,
      gracePeriodSeconds: 0,
    });
    await eventually(
      () => {
        const terminated = forwarder
          .callsOf('SendRoomStatus')
          .find((call) => call.message.room.roomId === roomId && call.message.statusType === 'terminated');
        expect(terminated?.message.room).toMatchObject({ game, port: clientHostPort });
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'terminated at the forwarder' },
    );
  });
});
