import { send } from '../ping-ingest/ping-probe';

/** What the simulated worker's fleet probe answers (apps/worker/src/simulation/fleet-probe.controller.ts). */
export interface FleetSummary {
  readonly schedulerName: string;
  readonly rooms: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly roomIds: readonly string[];
}

export interface FleetRoom {
  readonly roomId: string;
  readonly status: string;
  readonly pingStatus: string;
  readonly lastPingAt?: string;
}

export async function fleetSummary(workerUrl: string, schedulerName: string): Promise<FleetSummary> {
  const answer = await send('GET', `${workerUrl}/simulation/fleet/${schedulerName}`);
  if (answer.status !== 200) throw new Error(`fleet probe answered ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as FleetSummary;
}

export async function fleetRoom(
  workerUrl: string,
  schedulerName: string,
  roomId: string,
): Promise<FleetRoom | undefined> {
  const answer = await send('GET', `${workerUrl}/simulation/fleet/${schedulerName}/rooms/${roomId}`);
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) throw new Error(`fleet probe answered ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as FleetRoom;
}

/** The worker's `process.memoryUsage()`, in MiB. */
export async function workerMemory(
  workerUrl: string,
): Promise<{ rssMiB: number; heapUsedMiB: number; heapTotalMiB: number }> {
  const answer = await send('GET', `${workerUrl}/simulation/fleet/-/memory`);
  if (answer.status !== 200) throw new Error(`fleet probe answered ${answer.status} ${answer.body}`);
  const usage = JSON.parse(answer.body) as { rss: number; heapUsed: number; heapTotal: number };
  const mib = (bytes: number): number => Math.round((10 * bytes) / 2 ** 20) / 10;
  return { rssMiB: mib(usage.rss), heapUsedMiB: mib(usage.heapUsed), heapTotalMiB: mib(usage.heapTotal) };
}

const credentials = 'bench:bench';
export const managementApiUsers = credentials;

/** Creates a scheduler through the management API, as an operator would; its rooms follow. */
export async function createScheduler(
  managementUrl: string,
  name: string,
  roomsReplicas: number,
): Promise<void> {
  const body = JSON.stringify({
    name,
    game: 'bench',
    roomsReplicas,
    portRange: { start: 30_000, end: 60_000 },
    maxSurge: '100%',
    spec: {
      terminationGracePeriod: '10s',
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
  });
  const answer = await send('POST', `${managementUrl}/schedulers`, body, {
    authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
  });
  if (answer.status !== 200)
    throw new Error(`creating scheduler ${name} failed: ${answer.status} ${answer.body}`);
}
