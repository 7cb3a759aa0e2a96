import { roomCreatedV1 } from '@maestro/contracts';
import { type OutboxEventRow, type OutboxRouting, toOutboxMessage } from './outbox-message';

const routing: OutboxRouting = { defaultSource: 'maestro', topicFor: (definition) => definition.topic };

const row: OutboxEventRow = {
  global_position: '42',
  event_id: '6f1c2f7e-3f5e-4a71-8d4b-0c2a9d1e5b01',
  stream_id: 'room:my-scheduler:room-1',
  stream_version: 1,
  type: 'RoomCreated',
  schema_version: 1,
  data: { roomId: 'room-1' },
  metadata: { subject: 'my-scheduler', source: 'maestro/worker' },
  recorded_at: new Date('2026-11-27T10:00:00.123Z'),
};

describe('toOutboxMessage', () => {
  it('publishes an event on its catalogue topic, keyed and subjected by its scheduler', () => {
    expect(toOutboxMessage(row, routing)).toEqual({
      ok: true,
      message: {
        topic: roomCreatedV1.topic,
        key: 'my-scheduler',
        envelope: {
          id: row.event_id,
          type: 'RoomCreated',
          schemaVersion: 1,
          source: 'maestro/worker',
          subject: 'my-scheduler',
          time: '2026-11-27T10:00:00.123Z',
          data: { roomId: 'room-1' },
        },
      },
    });
  });

  it('names maestro as the source when the event metadata names none', () => {
    const result = toOutboxMessage({ ...row, metadata: { subject: 'my-scheduler' } }, routing);
    expect(result.ok && result.message.envelope.source).toBe('maestro');
  });

  it('refuses an event whose type and version are not in the catalogue', () => {
    expect(toOutboxMessage({ ...row, schema_version: 99 }, routing)).toEqual({
      ok: false,
      reason: 'RoomCreated v99 is not in the event catalogue',
    });
  });

  it('refuses an event without a scheduler to key it by', () => {
    expect(toOutboxMessage({ ...row, metadata: {} }, routing).ok).toBe(false);
  });
});
