import { type EventForwarder, type ForwardedRoom } from '@maestro/application';
import { type Forwarder } from '@maestro/domain';
import { type ReceivedForwarderCall } from '../forwarder-messages';

/** What the contract needs of a forwarding adapter: the port, and forwarders to point it at. */
export interface EventForwarderHarness {
  readonly forwarder: EventForwarder;
  /** A forwarder address that records what it receives and answers `Response{code}` (default 200). */
  recordingAddress(responseCode?: number): Promise<string>;
  /** An address nothing answers on. */
  unreachableAddress(): Promise<string>;
  /** An address that accepts calls and never answers them. */
  silentAddress(): Promise<string>;
  /** What the forwarder at a recording address received, oldest first. */
  received(address: string): readonly ReceivedForwarderCall[];
  close(): Promise<void>;
}

const room: ForwardedRoom = {
  schedulerName: 'arena',
  game: 'tennis',
  roomId: 'arena-b7x2k',
  host: '10.0.0.7',
  ports: [
    { name: 'metrics', protocol: 'tcp', port: 20001 },
    { name: 'clientPort', protocol: 'udp', port: 20002 },
  ],
};

const portsAttribute =
  '[{"name":"metrics","port":20001,"protocol":"TCP"},{"name":"clientPort","port":20002,"protocol":"UDP"}]';

function forwarderAt(address: string, overrides: Partial<Forwarder> = {}, timeoutMs = 1_000): Forwarder {
  return {
    name: 'matchmaker',
    enable: true,
    type: 'gRPC',
    address,
    options: { timeoutMs, metadata: { roomType: 'duel', region: 'eu', priority: 3 } },
    ...overrides,
  };
}

/**
 * Behaviour every EventForwarder must have. The in-memory fake runs it as a unit test and the gRPC
 * adapter against a real gRPC server, so what unit tests see of forwarding is what a forwarder
 * receives over the wire.
 */
export function eventForwarderContract(
  name: string,
  createHarness: () => Promise<EventForwarderHarness>,
): void {
  describe(`${name} (EventForwarder contract)`, () => {
    let harness: EventForwarderHarness;

    beforeAll(async () => {
      harness = await createHarness();
    });

    afterAll(async () => {
      await harness.close();
    });

    it('sends a room event with the room’s address, client port, ports and merged metadata', async () => {
      const address = await harness.recordingAddress();
      const result = await harness.forwarder.forward([forwarderAt(address)], room, {
        kind: 'roomEvent',
        event: 'matchStarted',
        metadata: { region: 'us', players: 2, teams: ['a', 'b'] },
      });

      expect(result).toEqual({
        outcome: 'delivered',
        attempts: [{ forwarder: 'matchmaker', code: 'OK', delivered: true }],
      });
      // The forwarder's metadata wins over the room's for room events.
      const metadata = {
        region: 'eu',
        players: '2',
        teams: '["a","b"]',
        eventType: 'roomEvent',
        roomEvent: 'matchStarted',
        ports: portsAttribute,
        roomType: 'duel',
        priority: '3',
      };
      expect(harness.received(address)).toEqual([
        {
          rpc: 'SendRoomEvent',
          message: {
            room: {
              game: 'tennis',
              roomId: 'arena-b7x2k',
              host: '10.0.0.7',
              port: 20002,
              metadata,
              roomType: 'duel',
            },
            eventType: 'matchStarted',
            metadata,
          },
          deadlineMs: expect.any(Number) as unknown,
        },
      ]);
    });

    it('sends a resync with the pinged status, the room’s metadata winning over the forwarder’s', async () => {
      const address = await harness.recordingAddress();
      await harness.forwarder.forward([forwarderAt(address)], room, {
        kind: 'resync',
        status: 'occupied',
        metadata: { region: 'us' },
      });
      expect(harness.received(address)).toEqual([
        expect.objectContaining({
          rpc: 'SendRoomResync',
          message: {
            room: {
              game: 'tennis',
              roomId: 'arena-b7x2k',
              host: '10.0.0.7',
              port: 20002,
              roomType: 'duel',
              metadata: {
                roomType: 'duel',
                region: 'us',
                priority: '3',
                eventType: 'resync',
                pingType: 'occupied',
                ports: portsAttribute,
              },
            },
            statusType: 'occupied',
          },
        }),
      ]);
    });

    it('sends terminated for a room without address, with an empty host and port 0', async () => {
      const address = await harness.recordingAddress();
      const result = await harness.forwarder.forward(
        [forwarderAt(address)],
        { ...room, host: '', ports: [] },
        { kind: 'status', status: 'terminated', metadata: {} },
      );
      expect(result.outcome).toBe('delivered');
      const [call] = harness.received(address);
      expect(call).toMatchObject({
        rpc: 'SendRoomStatus',
        message: {
          room: {
            host: '',
            port: 0,
            metadata: { eventType: 'status', pingType: 'terminated', roomEvent: 'terminated' },
          },
          statusType: 'terminated',
        },
      });
    });

    it('sends a player event with the player, the room and the forwarder’s room type', async () => {
      const address = await harness.recordingAddress();
      await harness.forwarder.forward([forwarderAt(address)], room, {
        kind: 'playerEvent',
        event: 'playerLeft',
        playerId: 'player-42',
        metadata: { playerId: 'player-42', level: 7 },
      });
      expect(harness.received(address)).toEqual([
        expect.objectContaining({
          rpc: 'SendPlayerEvent',
          message: {
            playerId: 'player-42',
            room: expect.objectContaining({
              game: 'tennis',
              roomId: 'arena-b7x2k',
              roomType: 'duel',
            }) as unknown,
            eventType: 'PLAYER_LEFT',
            metadata: { playerId: 'player-42', level: '7', eventType: 'playerLeft', roomType: 'duel' },
          },
        }),
      ]);
    });

    it('gives each call the forwarder’s timeout as its deadline', async () => {
      const address = await harness.recordingAddress();
      await harness.forwarder.forward([forwarderAt(address, {}, 2_500)], room, {
        kind: 'resync',
        status: 'ready',
        metadata: {},
      });
      const [call] = harness.received(address);
      expect(call?.deadlineMs).toBeGreaterThan(0);
      expect(call?.deadlineMs).toBeLessThanOrEqual(2_500);
    });

    it('calls only the enabled forwarders, in the scheduler’s order', async () => {
      const [first, disabled, last] = await Promise.all([
        harness.recordingAddress(),
        harness.recordingAddress(),
        harness.recordingAddress(),
      ]);
      const result = await harness.forwarder.forward(
        [
          forwarderAt(first, { name: 'first' }),
          forwarderAt(disabled, { name: 'disabled', enable: false }),
          forwarderAt(last, { name: 'last' }),
        ],
        room,
        { kind: 'roomEvent', event: 'e', metadata: {} },
      );
      expect(result.attempts.map((attempt) => attempt.forwarder)).toEqual(['first', 'last']);
      expect([first, disabled, last].map((address) => harness.received(address).length)).toEqual([1, 0, 1]);
    });

    it('delivers nothing and reports success when no forwarder is enabled', async () => {
      const address = await harness.recordingAddress();
      const result = await harness.forwarder.forward([forwarderAt(address, { enable: false })], room, {
        kind: 'roomEvent',
        event: 'e',
        metadata: {},
      });
      expect(result).toEqual({ outcome: 'delivered', attempts: [] });
      expect(harness.received(address)).toEqual([]);
    });

    it('stops at the first forwarder it cannot reach, naming it', async () => {
      const [unreachable, after] = await Promise.all([
        harness.unreachableAddress(),
        harness.recordingAddress(),
      ]);
      const result = await harness.forwarder.forward(
        [forwarderAt(unreachable, { name: 'gone' }), forwarderAt(after, { name: 'after' })],
        room,
        { kind: 'roomEvent', event: 'e', metadata: {} },
      );
      expect(result).toMatchObject({
        outcome: 'failed',
        forwarder: 'gone',
        attempts: [{ forwarder: 'gone', code: 'UNAVAILABLE', delivered: false }],
      });
      expect(result.outcome === 'failed' && result.message).toMatch(
        /^failed to forward event room at "gone"/,
      );
      expect(harness.received(after)).toEqual([]);
    });

    it('fails a call the forwarder does not answer within its timeout', async () => {
      const silent = await harness.silentAddress();
      const result = await harness.forwarder.forward([forwarderAt(silent, {}, 200)], room, {
        kind: 'resync',
        status: 'ready',
        metadata: {},
      });
      expect(result).toMatchObject({
        outcome: 'failed',
        attempts: [{ forwarder: 'matchmaker', code: 'DEADLINE_EXCEEDED', delivered: false }],
      });
    });

    it('counts any answer as delivered, whatever its code', async () => {
      const [failing, next] = await Promise.all([
        harness.recordingAddress(500),
        harness.recordingAddress(404),
      ]);
      const result = await harness.forwarder.forward(
        [forwarderAt(failing, { name: 'a' }), forwarderAt(next, { name: 'b' })],
        room,
        { kind: 'roomEvent', event: 'e', metadata: {} },
      );
      expect(result).toEqual({
        outcome: 'delivered',
        attempts: [
          { forwarder: 'a', code: 'INTERNAL', delivered: true },
          { forwarder: 'b', code: 'NOT_FOUND', delivered: true },
        ],
      });
    });

    it('refuses to forward a room event for a room without ports, and sends nothing', async () => {
      const address = await harness.recordingAddress();
      const result = await harness.forwarder.forward(
        [forwarderAt(address)],
        { ...room, ports: [] },
        {
          kind: 'roomEvent',
          event: 'e',
          metadata: {},
        },
      );
      expect(result).toEqual({
        outcome: 'failed',
        forwarder: 'matchmaker',
        message: 'no room port found to forward roomEvent. Forwarder name: "matchmaker", Scheduler: "arena"',
        attempts: [{ forwarder: 'matchmaker', code: 'NO_PORT', delivered: false }],
      });
      expect(harness.received(address)).toEqual([]);
    });
  });
}
