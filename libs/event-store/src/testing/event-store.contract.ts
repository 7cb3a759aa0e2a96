import { type EventStore, type NewEvent, VersionConflictError } from '@maestro/application';
import { randomUUID } from 'node:crypto';

/**
 * Behaviour every EventStore adapter must have. The in-memory twin runs it as a unit test and the
 * Postgres adapter as an integration test, so the fake cannot drift from the real thing.
 */
export function eventStoreContract(name: string, createStore: () => Promise<EventStore>): void {
  describe(`${name} (EventStore contract)`, () => {
    let store: EventStore;
    const stream = (): string => `scheduler:contract-${randomUUID()}`;
    const event = (type = 'SchedulerCreated', data: Record<string, unknown> = { n: 1 }): NewEvent => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data,
    });

    beforeEach(async () => {
      store = await createStore();
    });

    it('appends to a new stream and reads the events back in order with their versions', async () => {
      const streamId = stream();
      const result = await store.append(streamId, 0, [event('A', { a: 1 }), event('B', { b: [2] })]);
      expect(result.nextExpectedVersion).toBe(2);

      const events = await store.readStream(streamId);
      expect(events.map((e) => [e.type, e.streamVersion, e.data])).toEqual([
        ['A', 1, { a: 1 }],
        ['B', 2, { b: [2] }],
      ]);
      expect(events[1]!.globalPosition).toBeGreaterThan(events[0]!.globalPosition);
      expect(events[0]!.metadata).toEqual({});
    });

    it('continues a stream from the version the writer last saw', async () => {
      const streamId = stream();
      await store.append(streamId, 0, [event()]);
      await store.append(streamId, 1, [event('Second')]);
      expect((await store.readStream(streamId, 2)).map((e) => e.type)).toEqual(['Second']);
    });

    it('rejects an append whose expected version is stale, and stores none of its events', async () => {
      const streamId = stream();
      await store.append(streamId, 0, [event()]);
      await expect(store.append(streamId, 0, [event('Lost'), event('AlsoLost')])).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['SchedulerCreated']);
    });

    it('lets exactly one of two concurrent writers at the same version win', async () => {
      const streamId = stream();
      await store.append(streamId, 0, [event()]);
      const outcomes = await Promise.allSettled([
        store.append(streamId, 1, [event('WriterA')]),
        store.append(streamId, 1, [event('WriterB')]),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(VersionConflictError);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it("appends without a check when the writer says 'any'", async () => {
      const streamId = stream();
      await store.append(streamId, 'any', [event()]);
      await store.append(streamId, 'any', [event()]);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('reads an absent stream as empty', async () => {
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads the whole log in global order after a position', async () => {
      const first = stream();
      const second = stream();
      const a = await store.append(first, 0, [event('A')]);
      await store.append(second, 0, [event('B')]);
      await store.append(first, 1, [event('C')]);
      const after = await store.readAll(a.globalPositions[0]!, 1000);
      const ours = after.filter((e) => e.streamId === first || e.streamId === second);
      expect(ours.map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('reads one category of streams in global order, leaving other categories out', async () => {
      const tag = randomUUID().slice(0, 8);
      const start = await store.append(`other${tag}:x`, 0, [event('Before')]);
      await store.append(`cat${tag}:a`, 0, [event('A1')]);
      await store.append(`other${tag}:y`, 0, [event('Noise')]);
      await store.append(`cat${tag}:b`, 0, [event('B1')]);
      await store.append(`cat${tag}x:c`, 0, [event('NotMine')]);
      const events = await store.readCategory(`cat${tag}`, start.globalPositions[0]!, 100);
      expect(events.map((e) => e.type)).toEqual(['A1', 'B1']);
      expect(await store.readCategory(`cat${tag}`, events[0]!.globalPosition, 100)).toHaveLength(1);
    });

    it('refuses an empty append', async () => {
      await expect(store.append(stream(), 0, [])).rejects.toThrow(RangeError);
    });

    it('appends to several streams at once, each at its end, in the order given', async () => {
      const [first, second] = [stream(), stream()];
      await store.append(first, 0, [event('A')]);
      const results = await store.appendToStreams([
        { streamId: first, events: [event('B'), event('C')] },
        { streamId: second, events: [event('D')] },
      ]);
      expect(results.map((result) => result.nextExpectedVersion)).toEqual([3, 1]);
      expect((await store.readStream(first)).map((e) => [e.type, e.streamVersion])).toEqual([
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ]);
      const [d] = await store.readStream(second);
      expect(d).toMatchObject({ type: 'D', streamVersion: 1 });
      const positions = results.flatMap((result) => result.globalPositions);
      expect(positions).toHaveLength(3);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      expect(d!.globalPosition).toBe(positions[2]);
    });

    it('stores none of a multi-stream append when one of its events cannot be stored', async () => {
      const [first, second] = [stream(), stream()];
      const stored = event('A');
      await store.append(first, 0, [stored]);
      await expect(
        store.appendToStreams([
          { streamId: second, events: [event('B')] },
          { streamId: first, events: [{ ...event('C'), eventId: stored.eventId }] },
        ]),
      ).rejects.toThrow();
      await expect(store.readStream(second)).resolves.toEqual([]);
      expect(await store.readStream(first)).toHaveLength(1);
    });

    it('refuses a multi-stream append with a stream of no events, storing nothing', async () => {
      const [first, second] = [stream(), stream()];
      await expect(
        store.appendToStreams([
          { streamId: first, events: [event('A')] },
          { streamId: second, events: [] },
        ]),
      ).rejects.toThrow(RangeError);
      await expect(store.readStream(first)).resolves.toEqual([]);
    });
  });
}
