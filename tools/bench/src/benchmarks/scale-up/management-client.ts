import { eventually, request } from '@maestro/testing';

const credentials = 'bench:bench';
export const managementApiUsers = credentials;
const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
const game = 'bench';

export interface RoomCounts {
  readonly roomsReady: number;
  readonly roomsOccupied: number;
}

/**
 * A scheduler that keeps one ready room above its occupied ones (fixedBuffer, amount 1) and never
 * scales down during the run: every room turned occupied makes it want exactly one more room.
 */
export async function createBufferedScheduler(
  managementUrl: string,
  name: string,
  maxRooms: number,
): Promise<void> {
  const response = await request('POST', `${managementUrl}/schedulers`, {
    headers: { authorization },
    body: {
      name,
      game,
      roomsReplicas: 0,
      autoscaling: {
        enabled: true,
        min: 1,
        max: maxRooms,
        cooldown: 3_600,
        policy: { type: 'fixedBuffer', parameters: { fixedBuffer: { amount: 1 } } },
      },
      portRange: { start: 30_000, end: 40_000 },
      maxSurge: '10%',
      spec: {
        terminationGracePeriod: '5s',
        containers: [
          {
            name: 'game',
            image: 'bench:1',
            imagePullPolicy: 'IfNotPresent',
            command: ['./run'],
            environment: [],
            requests: { memory: '10Mi', cpu: '10m' },
            limits: { memory: '20Mi', cpu: '20m' },
            ports: [{ name: 'game', protocol: 'udp', port: 7777 }],
          },
        ],
      },
      forwarders: [],
    },
  });
  if (response.status !== 200)
    throw new Error(`creating the scheduler failed: ${response.status} ${response.text}`);
}

/** Waits until `GET /schedulers/info` shows the scheduler with exactly these counts. */
export async function waitForCounts(
  managementUrl: string,
  name: string,
  expected: RoomCounts,
  timeoutMs: number,
): Promise<void> {
  await eventually(
    async () => {
      const response = await request<{ schedulers: (RoomCounts & { name: string })[] }>(
        'GET',
        `${managementUrl}/schedulers/info?game=${game}`,
        { headers: { authorization } },
      );
      const counts = response.body.schedulers.find((scheduler) => scheduler.name === name);
      if (counts?.roomsReady !== expected.roomsReady || counts.roomsOccupied !== expected.roomsOccupied)
        throw new Error(
          `${counts?.roomsReady} ready and ${counts?.roomsOccupied} occupied, not ${expected.roomsReady} and ${expected.roomsOccupied}`,
        );
    },
    { timeoutMs, intervalMs: 50, description: `${name} at the expected room counts` },
  );
}
