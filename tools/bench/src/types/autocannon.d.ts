// The part of autocannon 8's programmatic API the harness uses (the package ships no types, and
// @types/autocannon describes version 7).
declare module 'autocannon' {
  import { type EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections: number;
      /** Seconds. */
      duration: number;
      pipelining: number;
      /** Seconds without an answer before a request counts as timed out. */
      timeout?: number;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      headers?: Record<string, string>;
      body?: string;
      /** Requests per second over all connections. */
      overallRate?: number;
      /** Stop after this many requests (instead of, or before, `duration`). */
      amount?: number;
      requests?: RequestStep[];
    }

    /** The raw request autocannon is about to send; a step may return a changed copy. */
    interface RawRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    interface RequestStep {
      setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers: Record<string, string>,
      ) => void;
    }

    /** Percentiles are keyed p50, p99, p99_9…; latencies in milliseconds, whole numbers. */
    type Histogram = Readonly<Record<string, number>> & {
      readonly mean: number;
      readonly max: number;
      readonly total?: number;
    };

    interface Result {
      /** Seconds. */
      readonly duration: number;
      readonly errors: number;
      readonly timeouts: number;
      readonly non2xx: number;
      readonly resets: number;
      readonly '2xx': number;
      readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
      readonly latency: Histogram;
      readonly requests: Histogram & { readonly sent: number };
      readonly throughput: Histogram;
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {
      on(
        event: 'response',
        listener: (
          client: unknown,
          statusCode: number,
          responseBytes: number,
          responseTimeMs: number,
        ) => void,
      ): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
