import { KeyedTimers } from './keyed-timers';

describe('KeyedTimers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a key’s timer once it is due, then forgets it', () => {
    const timers = new KeyedTimers();
    const due = jest.fn();
    timers.set('arena', 1_000, due);
    jest.advanceTimersByTime(999);
    expect(due).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(due).toHaveBeenCalledTimes(1);
    expect(timers.has('arena')).toBe(false);
  });

  it('keeps one timer per key: setting it again replaces the first', () => {
    const timers = new KeyedTimers();
    const first = jest.fn();
    const second = jest.fn();
    timers.set('arena', 1_000, first);
    timers.set('arena', 2_000, second);
    jest.advanceTimersByTime(2_000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('runs an overdue timer at once, and never a cleared one', () => {
    const timers = new KeyedTimers();
    const overdue = jest.fn();
    const cleared = jest.fn();
    timers.set('arena', -500, overdue);
    timers.set('lobby', 10, cleared);
    timers.set('duel', 10, cleared);
    timers.clear('lobby');
    timers.clearAll();
    jest.advanceTimersByTime(0);
    expect(overdue).not.toHaveBeenCalled();
    timers.set('arena', -500, overdue);
    jest.advanceTimersByTime(0);
    expect(overdue).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(100);
    expect(cleared).not.toHaveBeenCalled();
  });
});
