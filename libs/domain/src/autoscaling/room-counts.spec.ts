import { type CountedRoom, availableRoomCount, countRooms, noRooms } from './room-counts';

describe('room counts', () => {
  it('counts every status the autoscaler reads, and no room as no room', () => {
    expect(countRooms([])).toEqual(noRooms);
    const rooms: CountedRoom[] = [
      { status: 'pending', runningMatches: 0 },
      { status: 'unready', runningMatches: 0 },
      { status: 'ready', runningMatches: 0 },
      { status: 'ready', runningMatches: 0 },
      { status: 'active', runningMatches: 2 },
      { status: 'occupied', runningMatches: 3 },
      { status: 'allocated', runningMatches: 0 },
      { status: 'terminating', runningMatches: 1 },
      { status: 'error', runningMatches: 1 },
      { status: 'terminated', runningMatches: 1 },
    ];
    expect(countRooms(rooms)).toEqual({
      pending: 1,
      unready: 1,
      ready: 2,
      active: 1,
      occupied: 1,
      allocated: 1,
      terminating: 1,
      error: 1,
      runningMatches: 2 + 3 + 1,
    });
  });

  it('counts an occupied room as at least one running match', () => {
    expect(countRooms([{ status: 'occupied', runningMatches: 0 }]).runningMatches).toBe(1);
  });

  it('counts an allocated room as one running match whatever it last reported', () => {
    expect(countRooms([{ status: 'allocated', runningMatches: 4 }]).runningMatches).toBe(1);
  });

  it('leaves the matches of rooms on their way out aside', () => {
    const leaving: CountedRoom[] = [
      { status: 'terminating', runningMatches: 2 },
      { status: 'error', runningMatches: 2 },
    ];
    expect(countRooms(leaving).runningMatches).toBe(0);
  });

  it('calls available every room that is neither terminating nor in error', () => {
    expect(
      availableRoomCount({
        pending: 1,
        unready: 2,
        ready: 3,
        active: 4,
        occupied: 5,
        allocated: 6,
        terminating: 100,
        error: 100,
        runningMatches: 0,
      }),
    ).toBe(21);
  });
});
