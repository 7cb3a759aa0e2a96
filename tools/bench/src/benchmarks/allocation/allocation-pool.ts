import { type DataSource } from 'typeorm';

/**
 * The scheduler the benchmark allocates from: `rooms` ready rooms, each with the events the worker
 * would have stored for it (created, ready, placed on a node) so the allocation reads and appends
 * to streams as long as in production. Written in bulk SQL: the benchmark measures allocation,
 * not seeding.
 */
export async function seedReadyRooms(
  dataSource: DataSource,
  schedulerName: string,
  rooms: number,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO rooms (scheduler_name, room_id, version, status, ping_status, instance_status, ports,
                        is_validation_room, created_at, updated_at)
     SELECT $1, 'room-' || lpad(i::text, 6, '0'), 'v1.0.0', 'ready', 'ready', 'ready',
            jsonb_build_array(jsonb_build_object('containerName', 'game', 'name', 'game', 'protocol', 'udp',
                                                 'containerPort', 7777, 'hostPort', 20000 + i)),
            false, now() - interval '1 hour' + i * interval '1 ms', now() - interval '1 hour'
     FROM generate_series(1, $2::int) AS i`,
    [schedulerName, rooms],
  );
  await dataSource.query(
    `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
     SELECT 'room:' || $1 || '/room-' || lpad(i::text, 6, '0'), v, gen_random_uuid(),
            (ARRAY['RoomCreated', 'RoomStatusChanged', 'RoomAddressAssigned'])[v], 1,
            CASE WHEN v = 3 THEN jsonb_build_object('host', 'node-' || (i % 8) || '.bench') ELSE '{}'::jsonb END,
            jsonb_build_object('subject', $1, 'source', 'maestro/worker')
     FROM generate_series(1, $2::int) AS i, generate_series(1, 3) AS v`,
    [schedulerName, rooms],
  );
}

/**
 * Makes every room of the scheduler ready again with no allocation on record: between phases, as
 * if every match had ended at once. Not timed.
 */
export async function refillPool(dataSource: DataSource, schedulerName: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('DELETE FROM room_allocations WHERE scheduler_name = $1', [schedulerName]);
    await manager.query(`UPDATE rooms SET status = 'ready', updated_at = now() WHERE scheduler_name = $1`, [
      schedulerName,
    ]);
  });
}

/** `RoomAllocated` events stored for the scheduler: one per 200 the benchmark received, or a bug. */
export async function countAllocatedEvents(dataSource: DataSource, schedulerName: string): Promise<number> {
  const rows = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM events
     WHERE stream_id >= $1 AND stream_id < $2 AND type = 'RoomAllocated'`,
    [`room:${schedulerName}/`, `room:${schedulerName}0`],
  );
  return rows[0]?.n ?? Number.NaN;
}
