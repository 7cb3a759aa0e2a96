import { type EventEnvelope } from '@maestro/contracts';
import { KnownSchedulers } from './known-schedulers.view';
import { aForwarder, schedulerCreated } from './room-events.fixture';

describe('KnownSchedulers', () => {
  it('knows a created scheduler’s game and forwarders', () => {
    const schedulers = new KnownSchedulers();
    const forwarder = aForwarder({ options: { timeoutMs: 750, metadata: { roomType: 'duel' } } });
    expect(schedulers.apply(schedulerCreated('arena', 'tennis', [forwarder]))).toBe('changed');
    expect(schedulers.forwardingOf('arena')).toEqual({ game: 'tennis', forwarders: [forwarder] });
  });

  it('knows nothing of a scheduler it never saw', () => {
    expect(new KnownSchedulers().forwardingOf('lobby')).toBeUndefined();
  });

  it('forgets a deleted scheduler', () => {
    const schedulers = new KnownSchedulers();
    schedulers.apply(schedulerCreated('arena', 'tennis', []));
    const deleted: EventEnvelope = {
      ...schedulerCreated('arena', 'tennis', []),
      type: 'SchedulerDeleted',
      data: { schedulerName: 'arena', deletedAt: '2026-11-27T11:00:00.000Z' },
    };
    schedulers.apply(deleted);
    expect(schedulers.forwardingOf('arena')).toBeUndefined();
    expect(schedulers.size).toBe(0);
  });

  it('leaves out a scheduler event that breaks its schema, and ignores other types', () => {
    const schedulers = new KnownSchedulers();
    const broken = { ...schedulerCreated('arena', 'tennis', []), data: { name: 'arena' } };
    expect(schedulers.apply(broken)).toBe('invalid');
    expect(schedulers.apply({ ...broken, type: 'SomethingElse' })).toBe('ignored');
    expect(schedulers.forwardingOf('arena')).toBeUndefined();
  });
});
