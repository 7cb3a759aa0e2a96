import { type Benchmark } from '../harness/benchmark';
import { httpStack } from './http-stack/http-stack.bench';

/** Every benchmark, in the order a run without names takes them. */
export const benchmarks: readonly Benchmark[] = [httpStack];
