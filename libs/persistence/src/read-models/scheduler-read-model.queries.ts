import { type DataSource } from 'typeorm';

/** One version of a scheduler as stored, with the scheduler's current state. */
export interface SchedulerRow {
  readonly name: string;
  readonly state: string;
  /** The version's scheduler document (the `SchedulerCreated` v1 payload shape), as stored. */
  readonly document: unknown;
}

export interface SchedulerVersionRow {
  readonly version: string;
  readonly isActive: boolean;
  readonly createdAt: Date;
}

export interface SchedulerInfoRow extends SchedulerRow {
  readonly roomsReady: number;
  readonly roomsOccupied: number;
  readonly roomsPending: number;
  readonly roomsTerminating: number;
}

export interface SchedulerRowFilter {
  readonly name?: string;
  readonly game?: string;
  /** Matches the active version. */
  readonly version?: string;
}

/** Reads of the schedulers read model (see `SchedulerReadModelProjector`) and of `rooms`. */
export class SchedulerReadModelQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Active versions matching every given filter, by name. */
  list(filter: SchedulerRowFilter): Promise<SchedulerRow[]> {
    return this.dataSource.query<SchedulerRow[]>(
      `SELECT name, state, scheduler AS document FROM schedulers
       WHERE ($1::text IS NULL OR name = $1)
         AND ($2::text IS NULL OR game = $2)
         AND ($3::text IS NULL OR active_version = $3)
       ORDER BY name`,
      [filter.name ?? null, filter.game ?? null, filter.version ?? null],
    );
  }

  /** The active version, or the given one; undefined when either is unknown. */
  async find(name: string, version?: string): Promise<SchedulerRow | undefined> {
    const rows = await this.dataSource.query<SchedulerRow[]>(
      `SELECT s.name, s.state, v.scheduler AS document
       FROM schedulers s JOIN scheduler_versions v ON v.name = s.name
       WHERE s.name = $1 AND v.version = COALESCE($2, s.active_version)`,
      [name, version ?? null],
    );
    return rows[0];
  }

  /** Every version, newest first; undefined when the scheduler is unknown. */
  async versions(name: string): Promise<SchedulerVersionRow[] | undefined> {
    const rows = await this.dataSource.query<SchedulerVersionRow[]>(
      `SELECT v.version, v.version = s.active_version AS "isActive", v.created_at AS "createdAt"
       FROM schedulers s JOIN scheduler_versions v ON v.name = s.name
       WHERE s.name = $1
       ORDER BY v.created_at DESC, v.version DESC`,
      [name],
    );
    return rows.length === 0 ? undefined : rows;
  }

  /**
   * Every scheduler (of `game`, when given) with its active document and how many of its rooms
   * are in exactly the ready, occupied, pending and terminating statuses, by name.
   */
  info(game?: string): Promise<SchedulerInfoRow[]> {
    return this.dataSource.query<SchedulerInfoRow[]>(
      `SELECT s.name, s.state, s.scheduler AS document,
         count(r.room_id) FILTER (WHERE r.status = 'ready')::int AS "roomsReady",
         count(r.room_id) FILTER (WHERE r.status = 'occupied')::int AS "roomsOccupied",
         count(r.room_id) FILTER (WHERE r.status = 'pending')::int AS "roomsPending",
         count(r.room_id) FILTER (WHERE r.status = 'terminating')::int AS "roomsTerminating"
       FROM schedulers s LEFT JOIN rooms r ON r.scheduler_name = s.name AND NOT r.is_validation_room
       WHERE ($1::text IS NULL OR s.game = $1)
       GROUP BY s.name
       ORDER BY s.name`,
      [game ?? null],
    );
  }
}
