import { type RecordedEvent } from '@maestro/application';
import { type EntityManager } from 'typeorm';

/**
 * A read model updated inside the append's own transaction, so a reader sees the events' effect as
 * soon as the append returns (read-your-writes for the API) and a failed update undoes the append.
 * Every inline projection must also be rebuildable from the log.
 */
export interface PostgresInlineProjection {
  readonly name: string;
  apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
}
