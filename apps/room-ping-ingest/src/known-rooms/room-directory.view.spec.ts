import { RoomDirectory } from './room-directory.view';
import { roomAddressAssigned, roomCreated, roomDeleted } from './room-events.fixture';

describe('RoomDirectory', () => {
  it('knows a created room’s host ports and validation flag', () => {
    const rooms = new RoomDirectory();
    rooms.apply(roomCreated('arena', 'room-1', { isValidationRoom: true, hostPort: 20_042 }));
    expect(rooms.get('arena', 'room-1')).toEqual({
      isValidationRoom: true,
      ports: [{ name: 'clientPort', protocol: 'udp', port: 20_042 }],
    });
  });

  it('adds the address the worker reported, and forgets the room once deleted', () => {
    const rooms = new RoomDirectory();
    rooms.apply(roomCreated('arena', 'room-1'));
    rooms.apply(roomAddressAssigned('arena', 'room-1', '10.0.0.7'));
    expect(rooms.get('arena', 'room-1')?.address).toEqual({
      host: '10.0.0.7',
      ports: [{ name: 'clientPort', protocol: 'udp', port: 20_001 }],
    });
    expect(rooms.apply(roomDeleted('arena', 'room-1'))).toBe('changed');
    expect(rooms.get('arena', 'room-1')).toBeUndefined();
  });

  it('leaves out the address of a room it does not know', () => {
    const rooms = new RoomDirectory();
    expect(rooms.apply(roomAddressAssigned('arena', 'ghost', '10.0.0.7'))).toBe('unchanged');
    expect(rooms.get('arena', 'ghost')).toBeUndefined();
  });
});
