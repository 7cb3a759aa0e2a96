import { isRoomStatus, roomStatuses } from './room-status';

describe('room status', () => {
  it("keeps Maestro's nine status words", () => {
    expect(roomStatuses).toEqual([
      'pending',
      'unready',
      'ready',
      'occupied',
      'allocated',
      'active',
      'terminating',
      'error',
      'terminated',
    ]);
  });

  it('recognises a known status and rejects anything else', () => {
    expect(isRoomStatus('ready')).toBe(true);
    expect(isRoomStatus('READY')).toBe(false);
    expect(isRoomStatus(3)).toBe(false);
  });
});
