import { type EventEnvelope, type Topic } from '@maestro/contracts';

/** What folding one message did: an event of another type is `ignored`, a malformed one `invalid`. */
export type ViewChange = 'changed' | 'unchanged' | 'ignored' | 'invalid';

/** An in-memory view the rooms API folds from one topic, from its beginning. */
export interface TopicView {
  /** For logs: which view left an event out. */
  readonly name: string;
  readonly topic: Topic;
  apply(envelope: EventEnvelope): ViewChange;
}
