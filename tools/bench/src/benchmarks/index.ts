import { type Benchmark } from '../harness/benchmark';
import { allocation } from './allocation/allocation.bench';
import { httpStack } from './http-stack/http-stack.bench';
import { kafkaBatching } from './kafka-batching/kafka-batching.bench';
import { pingIngest } from './ping-ingest/ping-ingest.bench';
import { pingLag } from './ping-lag/ping-lag.bench';
import { pingVisibility } from './ping-visibility/ping-visibility.bench';
import { scaleUp } from './scale-up/scale-up.bench';

/** Every benchmark, in the order a run without names takes them. */
export const benchmarks: readonly Benchmark[] = [
  httpStack,
  kafkaBatching,
  pingIngest,
  pingLag,
  pingVisibility,
  scaleUp,
  allocation,
];
