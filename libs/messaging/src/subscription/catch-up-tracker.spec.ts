import { CatchUpTracker, partitionKey } from './catch-up-tracker';

const p0 = partitionKey('room-pings', 0);
const p1 = partitionKey('room-pings', 1);

describe('CatchUpTracker', () => {
  it('is not caught up before the subscription has partitions', () => {
    const tracker = new CatchUpTracker(new Map());
    expect(tracker.isCaughtUp()).toBe(false);
  });

  it('is caught up once every assigned partition reached its end offset at subscribe time', async () => {
    const tracker = new CatchUpTracker(
      new Map([
        [p0, 5n],
        [p1, 3n],
      ]),
    );
    const caughtUp = tracker.waitUntilCaughtUp();
    tracker.assign([p0, p1]);
    tracker.advance(p0, 5n);
    expect(tracker.isCaughtUp()).toBe(false);
    tracker.advance(p1, 3n);
    await expect(caughtUp).resolves.toBeUndefined();
  });

  it('ignores partitions another member of the group owns', () => {
    const tracker = new CatchUpTracker(
      new Map([
        [p0, 5n],
        [p1, 3n],
      ]),
    );
    tracker.assign([p1]);
    tracker.advance(p1, 3n);
    expect(tracker.isCaughtUp()).toBe(true);
  });

  it('stays caught up when later partitions lag', () => {
    const tracker = new CatchUpTracker(new Map([[p0, 1n]]));
    tracker.assign([p0]);
    tracker.advance(p0, 1n);
    tracker.assign([p0, p1]);
    expect(tracker.isCaughtUp()).toBe(true);
  });

  it('tells a waiter when the subscription stopped before catching up', async () => {
    const tracker = new CatchUpTracker(new Map([[p0, 1n]]));
    const caughtUp = tracker.waitUntilCaughtUp();
    tracker.abandon(new Error('stopped'));
    await expect(caughtUp).rejects.toThrow('stopped');
    await expect(tracker.waitUntilCaughtUp()).rejects.toThrow('stopped');
  });
});
