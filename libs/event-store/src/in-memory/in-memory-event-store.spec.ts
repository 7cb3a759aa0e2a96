import { eventStoreContract } from '../testing/event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store.adapter';

eventStoreContract('InMemoryEventStore', () => Promise.resolve(new InMemoryEventStore()));
