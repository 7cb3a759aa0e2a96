import { type Benchmark } from '../harness/benchmark';
import { httpStack } from './http-stack/http-stack.bench';
import { pingVisibility } from './ping-visibility/ping-visibility.bench';

/** Every benchmark, in the order a run without names takes them. */
export const benchmarks: readonly Benchmark[] = [httpStack, pingVisibility];
