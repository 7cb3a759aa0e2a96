import { type AppLogger } from '@maestro/application';
import { type TopicProvisioner, type TopologyOptions } from '@maestro/messaging';
import { type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { retryUntilDone } from '../support/retry-until-done';

/**
 * Makes sure the topics exist (same partition count everywhere) once the service is up, retrying in
 * the background while Kafka is unreachable, so HTTP serves (and `/readyz` explains) meanwhile. On
 * the in-process bus there is nothing to create and it is done at once.
 */
export class TopicsSetup implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly stopping = new AbortController();
  private problem = 'not checked yet';
  private ensured = false;
  // Created up front, so whoever waits does not depend on which bootstrap hook Nest runs first.
  private settle: (ensured: boolean) => void = () => undefined;
  private readonly settled = new Promise<boolean>((resolve) => {
    this.settle = resolve;
  });

  constructor(
    private readonly provisioner: TopicProvisioner,
    private readonly topology: TopologyOptions,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    void retryUntilDone(
      async () => {
        await this.provisioner.ensureTopics(this.topology);
      },
      {
        signal: this.stopping.signal,
        onFailure: (error, attempt, retryInMs) => {
          this.problem = error instanceof Error ? error.message : String(error);
          // The first failures are the broker still starting; say so loudly only if it lasts.
          const log = attempt < 5 ? this.logger.warn.bind(this.logger) : this.logger.error.bind(this.logger);
          log('could not ensure the topics, retrying', { err: error, attempt, retryInMs });
        },
      },
    ).then((ensured) => {
      this.ensured = ensured;
      if (ensured) this.logger.info('topics ready', { topics: this.topology.topics });
      this.settle(ensured);
    });
  }

  /** Resolves true once the topics exist, false if the service stops first. */
  whenEnsured(): Promise<boolean> {
    return this.settled;
  }

  /** Undefined when the topics exist, otherwise why not (yet). */
  readinessProblem(): string | undefined {
    return this.ensured ? undefined : this.problem;
  }

  beforeApplicationShutdown(): void {
    this.stopping.abort();
    this.settle(false);
  }
}
