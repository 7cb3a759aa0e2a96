import { checkpointStoreContract } from '../testing/checkpoint-store.contract';
import { InMemoryCheckpointStore } from './in-memory-checkpoint-store.adapter';

checkpointStoreContract('InMemoryCheckpointStore', () => Promise.resolve(new InMemoryCheckpointStore()));
