import { openDatabase } from '@maestro/persistence';
import { summarise, type Latencies } from './latencies';

export interface TrialTimes {
  readonly schedulerName: string;
  readonly occupied: string;
  readonly newRoom: string;
  /** Wall-clock milliseconds (performance.timeOrigin + performance.now()) of the ping's 2xx. */
  readonly acknowledgedAt: number;
  /** Wall-clock milliseconds of the watch's ADDED for the new room's pod. */
  readonly addedAt: number;
}

export interface StageBreakdown {
  /** Ping 2xx → the worker starts appending the room's RoomStatusChanged (occupied). */
  readonly pingToStatusChange: Latencies;
  /** → the worker starts appending the new room's RoomCreated (decision, ScalingDecided, new room). */
  readonly statusChangeToRoomCreated: Latencies;
  /** → the watch delivers the new pod (the create-pod request, then the watch). */
  readonly roomCreatedToPodAdded: Latencies;
}

/**
 * Where a scale-up's time goes, from the worker's own event log: each event's `recorded_at` is its
 * transaction's start (Postgres `now()`, the same machine's clock as the benchmark's). Millisecond
 * resolution; good for telling the stages apart, not for sub-millisecond figures.
 */
export async function stageBreakdown(
  databaseUrl: string,
  trials: readonly TrialTimes[],
): Promise<StageBreakdown> {
  const database = await openDatabase({ url: databaseUrl, poolSize: 1 });
  try {
    const stages = { pingToStatusChange: [] as number[], toCreated: [] as number[], toAdded: [] as number[] };
    for (const trial of trials) {
      const statusChanged = await firstRecordedAt(
        database.query.bind(database),
        `room:${trial.schedulerName}/${trial.occupied}`,
        'RoomStatusChanged',
        'occupied',
      );
      const created = await firstRecordedAt(
        database.query.bind(database),
        `room:${trial.schedulerName}/${trial.newRoom}`,
        'RoomCreated',
      );
      if (statusChanged === undefined || created === undefined) continue;
      stages.pingToStatusChange.push(statusChanged - trial.acknowledgedAt);
      stages.toCreated.push(created - statusChanged);
      stages.toAdded.push(trial.addedAt - created);
    }
    return {
      pingToStatusChange: summarise(stages.pingToStatusChange),
      statusChangeToRoomCreated: summarise(stages.toCreated),
      roomCreatedToPodAdded: summarise(stages.toAdded),
    };
  } finally {
    await database.destroy();
  }
}

type Query = (sql: string, parameters: unknown[]) => Promise<{ recorded_at: Date }[]>;

async function firstRecordedAt(
  query: Query,
  streamId: string,
  type: string,
  status?: string,
): Promise<number | undefined> {
  const rows = await query(
    `SELECT recorded_at FROM events
     WHERE stream_id = $1 AND type = $2 AND ($3::text IS NULL OR data->>'status' = $3)
     ORDER BY global_position LIMIT 1`,
    [streamId, type, status ?? null],
  );
  return rows[0]?.recorded_at.getTime();
}
