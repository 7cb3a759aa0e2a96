import { type Container } from '../scheduler/scheduler';
import { PortRangeExhaustedError, assignHostPorts } from './host-ports.policy';
import { newRoomId } from './room-id';

const container = (ports: Container['ports']): Container => ({
  name: 'game',
  image: 'game:1',
  imagePullPolicy: 'IfNotPresent',
  command: [],
  environment: [],
  requests: { cpu: '100m', memory: '100Mi' },
  limits: { cpu: '200m', memory: '200Mi' },
  ports,
});

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('host port assignment', () => {
  const twoPorts = [
    container([
      { name: 'game', protocol: 'udp', port: 7777 },
      { name: 'admin', protocol: 'tcp', port: 8080 },
    ]),
  ];

  it("draws distinct ports from the scheduler's range for every container port", () => {
    const assigned = assignHostPorts(twoPorts, { start: 20_000, end: 20_010 }, new Set(), seeded(1));
    expect(assigned.map((a) => [a.name, a.protocol, a.containerPort])).toEqual([
      ['game', 'udp', 7777],
      ['admin', 'tcp', 8080],
    ]);
    for (const { hostPort } of assigned) {
      expect(hostPort).toBeGreaterThanOrEqual(20_000);
      expect(hostPort).toBeLessThanOrEqual(20_010);
    }
    expect(new Set(assigned.map((a) => a.hostPort)).size).toBe(2);
  });

  it('never hands out a port another room of the scheduler holds', () => {
    const inUse = new Set([20_000, 20_001, 20_002]);
    const assigned = assignHostPorts(twoPorts, { start: 20_000, end: 20_004 }, inUse, seeded(7));
    expect(assigned.map((a) => a.hostPort).sort()).toEqual([20_003, 20_004]);
  });

  it('fails clearly when the range is exhausted', () => {
    expect(() =>
      assignHostPorts(twoPorts, { start: 20_000, end: 20_001 }, new Set([20_000]), seeded(3)),
    ).toThrow(PortRangeExhaustedError);
  });

  it("uses a port's own host port range when the scheduler has none", () => {
    const assigned = assignHostPorts(
      [container([{ name: 'p', protocol: 'tcp', port: 1, hostPortRange: { start: 30_000, end: 30_000 } }])],
      null,
      new Set(),
      seeded(5),
    );
    expect(assigned[0]!.hostPort).toBe(30_000);
  });
});

describe('room ids', () => {
  it('are the scheduler name, a dash and five pod-name-safe characters', () => {
    expect(newRoomId('my-scheduler', seeded(2))).toMatch(/^my-scheduler-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('cut long scheduler names so the id stays a valid pod name', () => {
    const id = newRoomId('a'.repeat(63), seeded(2));
    expect(id).toHaveLength(63);
    expect(id.startsWith(`${'a'.repeat(57)}-`)).toBe(true);
  });
});
