import { type EntityManager } from 'typeorm';

/**
 * The part of a stored event this projection reads. `RecordedEvent` (from the event store) has this
 * shape; it is restated here because persistence sits below the event store and must not import it.
 */
export interface ProjectedSchedulerEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamVersion: number;
  readonly data: Record<string, unknown>;
}

/** The fields of a scheduler document (the `SchedulerCreated` v1 payload) the tables index. */
interface DocumentKeys {
  readonly name: string;
  readonly game: string;
  readonly version: string;
  readonly createdAt: string;
}

/**
 * Maintains `schedulers` and `scheduler_versions` from scheduler events. Given to
 * `PostgresEventStore` as an inline projection (it satisfies `PostgresInlineProjection`), so it runs
 * in the append's transaction: a reader sees a new scheduler as soon as its creation returns, and a
 * failure here undoes the append. Applying an event twice changes nothing, so the tables can be
 * rebuilt by replaying the scheduler streams.
 */
export class SchedulerReadModelProjector {
  readonly name = 'schedulers';

  async apply(events: readonly ProjectedSchedulerEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      if (event.schemaVersion !== 1) continue;
      switch (event.type) {
        case 'SchedulerCreated':
          await this.created(event, manager);
          break;
        case 'SchedulerVersionCreated':
          await this.versionCreated(event, manager);
          break;
        case 'ActiveVersionSwitched':
          await manager.query(
            `UPDATE schedulers s SET active_version = v.version, scheduler = v.scheduler,
               updated_at = $3, stream_version = $4
             FROM scheduler_versions v
             WHERE s.name = $1 AND v.name = s.name AND v.version = $2`,
            [event.data.schedulerName, event.data.version, event.data.switchedAt, event.streamVersion],
          );
          break;
        case 'SchedulerStateChanged':
          await manager.query(
            `UPDATE schedulers SET state = $2, state_changed_at = $3, updated_at = $3, stream_version = $4
             WHERE name = $1`,
            [event.data.schedulerName, event.data.state, event.data.changedAt, event.streamVersion],
          );
          break;
        case 'SchedulerDeleted':
          // Versions go with it (ON DELETE CASCADE); rooms leave through their own RoomDeleted.
          await manager.query('DELETE FROM schedulers WHERE name = $1', [event.data.schedulerName]);
          break;
        default:
          break;
      }
    }
  }

  private async created(event: ProjectedSchedulerEvent, manager: EntityManager): Promise<void> {
    const { name, game, version, createdAt } = documentKeys(event.data);
    const document = JSON.stringify(event.data);
    await manager.query(
      `INSERT INTO schedulers
         (name, game, state, active_version, scheduler, created_at, state_changed_at, updated_at, stream_version)
       VALUES ($1, $2, 'creating', $3, $4, $5, $5, $5, $6)
       ON CONFLICT (name) DO NOTHING`,
      [name, game, version, document, createdAt, event.streamVersion],
    );
    await manager.query(
      `INSERT INTO scheduler_versions (name, version, scheduler, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (name, version) DO NOTHING`,
      [name, version, document, createdAt],
    );
  }

  private async versionCreated(event: ProjectedSchedulerEvent, manager: EntityManager): Promise<void> {
    const document = event.data.scheduler as Record<string, unknown> | undefined;
    const { name, version, createdAt } = documentKeys(document ?? {});
    await manager.query(
      `INSERT INTO scheduler_versions (name, version, scheduler, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (name, version) DO NOTHING`,
      [name, version, JSON.stringify(document), createdAt],
    );
  }
}

function documentKeys(data: Record<string, unknown>): DocumentKeys {
  const spec = data.spec as Record<string, unknown> | undefined;
  const keys = { name: data.name, game: data.game, version: spec?.version, createdAt: data.createdAt };
  for (const [key, value] of Object.entries(keys)) {
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`scheduler document without ${key === 'version' ? 'spec.version' : key}`);
    }
  }
  return keys as DocumentKeys;
}
