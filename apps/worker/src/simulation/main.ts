// The worker with simulated rooms (in-memory runtime, no pods) and the fleet probe, for
// tools/bench's ping-lag benchmark: `node apps/worker/dist/simulation/main.js`, configured like the
// worker (DATABASE_URL, KAFKA_BROKERS, KAFKA_CONSUMER_GROUP…). Not a way to run Maestro.
import { runService } from '@maestro/observability';
import { workerConfigSchema } from '../config/worker.config';
import { SimulatedWorkerModule } from './simulated-worker.module';

runService({
  service: 'worker',
  configSchema: workerConfigSchema,
  rootModule: (config) => SimulatedWorkerModule.forRoot(config),
});
