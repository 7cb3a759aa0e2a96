import { type EventEnvelope, roomCreatedV1, roomDeletedV1, roomStatusChangedV1 } from '@maestro/contracts';
import { KnownRooms } from './known-rooms.view';

let sequence = 0;

function envelope(type: string, schemaVersion: number, data: unknown): EventEnvelope {
  sequence++;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    schemaVersion,
    source: 'maestro/worker',
    subject: 'arena',
    time: '2026-11-27T10:00:00.000Z',
    data,
  };
}

function roomCreated(schedulerName: string, roomId: string): EventEnvelope {
  return envelope(roomCreatedV1.type, roomCreatedV1.version, {
    schedulerName,
    roomId,
    version: 'v1.0.0',
    ports: [],
    isValidationRoom: false,
    createdAt: '2026-11-27T10:00:00.000Z',
  });
}

function roomDeleted(schedulerName: string, roomId: string): EventEnvelope {
  return envelope(roomDeletedV1.type, roomDeletedV1.version, {
    schedulerName,
    roomId,
    reason: 'scale_down',
    deletedAt: '2026-11-27T10:05:00.000Z',
  });
}

describe('KnownRooms', () => {
  it('knows a room once it was created, per scheduler', () => {
    const rooms = new KnownRooms();
    expect(rooms.apply(roomCreated('arena', 'room-1'))).toBe('added');
    expect(rooms.has('arena', 'room-1')).toBe(true);
    expect(rooms.has('arena', 'room-2')).toBe(false);
    expect(rooms.has('lobby', 'room-1')).toBe(false);
    expect(rooms.size).toBe(1);
  });

  it('forgets a room once it was deleted', () => {
    const rooms = new KnownRooms();
    rooms.apply(roomCreated('arena', 'room-1'));
    rooms.apply(roomCreated('arena', 'room-2'));
    expect(rooms.apply(roomDeleted('arena', 'room-1'))).toBe('removed');
    expect(rooms.has('arena', 'room-1')).toBe(false);
    expect(rooms.has('arena', 'room-2')).toBe(true);
    expect(rooms.size).toBe(1);
  });

  it('ends in the same state when a batch of events is delivered twice', () => {
    const rooms = new KnownRooms();
    const batch = [
      roomCreated('arena', 'room-1'),
      roomCreated('arena', 'room-2'),
      roomDeleted('arena', 'room-1'),
    ];
    for (const event of [...batch, ...batch]) rooms.apply(event);
    expect(rooms.has('arena', 'room-1')).toBe(false);
    expect(rooms.has('arena', 'room-2')).toBe(true);
    expect(rooms.size).toBe(1);
  });

  it('reports a repeated creation or an unknown deletion as unchanged', () => {
    const rooms = new KnownRooms();
    rooms.apply(roomCreated('arena', 'room-1'));
    expect(rooms.apply(roomCreated('arena', 'room-1'))).toBe('unchanged');
    expect(rooms.apply(roomDeleted('arena', 'room-9'))).toBe('unchanged');
    expect(rooms.size).toBe(1);
  });

  it('ignores other room events', () => {
    const rooms = new KnownRooms();
    const statusChanged = envelope(roomStatusChangedV1.type, roomStatusChangedV1.version, {
      schedulerName: 'arena',
      roomId: 'room-1',
    });
    expect(rooms.apply(statusChanged)).toBe('ignored');
    expect(rooms.size).toBe(0);
  });

  it('leaves out a room event whose payload or schema version does not match its schema', () => {
    const rooms = new KnownRooms();
    expect(rooms.apply(envelope(roomCreatedV1.type, 1, { schedulerName: 'arena' }))).toBe('invalid');
    expect(rooms.apply({ ...roomCreated('arena', 'room-1'), schemaVersion: 2 })).toBe('invalid');
    expect(rooms.size).toBe(0);
  });
});
