import { type AllocatedPort, type RoomInstanceSpec } from '@maestro/application';
import { randomInt } from 'node:crypto';

/**
 * Host ports drawn at random: kube-scheduler will not put two pods with the same host port on one
 * node, and the test cluster (3 nodes) is shared by every test running at the time.
 */
export function allocatedPorts(): AllocatedPort[] {
  return [
    {
      containerName: 'game',
      name: 'game',
      protocol: 'udp',
      containerPort: 7777,
      hostPort: randomInt(20_000, 40_000),
    },
    {
      containerName: 'game',
      name: 'http',
      protocol: 'tcp',
      containerPort: 8080,
      hostPort: randomInt(40_000, 60_000),
    },
  ];
}

/** A room of a typical scheduler: one container, a UDP game port and a TCP port. */
export function roomInstanceSpec(
  schedulerName: string,
  roomId: string,
  overrides: Partial<RoomInstanceSpec> = {},
): RoomInstanceSpec {
  return {
    schedulerName,
    roomId,
    version: 'v1.2.0',
    containers: [
      {
        name: 'game',
        image: 'registry.example.com/my-game:1.2.0',
        imagePullPolicy: 'IfNotPresent',
        command: ['./run-server', '--port', '7777'],
        environment: [{ name: 'MODE', value: 'production' }],
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '200m', memory: '256Mi' },
        ports: [
          { name: 'game', protocol: 'udp', port: 7777 },
          { name: 'http', protocol: 'tcp', port: 8080 },
        ],
      },
    ],
    ports: allocatedPorts(),
    terminationGracePeriodSeconds: 5,
    toleration: '',
    affinity: '',
    labels: {},
    annotations: {},
    isValidationRoom: false,
    ...overrides,
  };
}
