import { AppLogger } from '@maestro/application';
import { allTopics } from '@maestro/contracts';
import { InMemoryTopicProvisioner, TopicProvisioner, type TopologyOptions } from '@maestro/messaging';
import { eventually } from '@maestro/testing';
import { TopicsSetup } from './topics.setup';

class SilentLogger extends AppLogger {
  info(): void {
    return undefined;
  }

  warn(): void {
    return undefined;
  }

  error(): void {
    return undefined;
  }
}

/** A broker that refuses the first requests (still starting), then creates the topics. */
class StartingBroker extends TopicProvisioner {
  readonly ensured: TopologyOptions[] = [];

  constructor(private refusals: number) {
    super();
  }

  ensureTopics(options: TopologyOptions): Promise<void> {
    if (this.refusals-- > 0) return Promise.reject(new Error('broker not available'));
    this.ensured.push(options);
    return Promise.resolve();
  }

  deleteGroup(): Promise<void> {
    return Promise.resolve();
  }
}

const topology: TopologyOptions = { topics: allTopics, partitions: 6, replicationFactor: 1 };

describe('TopicsSetup', () => {
  it('is done at once on the in-process bus', async () => {
    const setup = new TopicsSetup(new InMemoryTopicProvisioner(), topology, new SilentLogger());
    setup.onApplicationBootstrap();
    await expect(setup.whenEnsured()).resolves.toBe(true);
    expect(setup.readinessProblem()).toBeUndefined();
  });

  it('says why while the broker refuses, and retries until the topics exist', async () => {
    const broker = new StartingBroker(1);
    const setup = new TopicsSetup(broker, topology, new SilentLogger());
    setup.onApplicationBootstrap();
    await eventually(() => {
      expect(setup.readinessProblem()).toBe('broker not available');
    });
    await expect(setup.whenEnsured()).resolves.toBe(true);
    expect(broker.ensured).toEqual([topology]);
    expect(setup.readinessProblem()).toBeUndefined();
  });

  it('gives up waiting when the service stops first', async () => {
    const setup = new TopicsSetup(new StartingBroker(Number.POSITIVE_INFINITY), topology, new SilentLogger());
    setup.onApplicationBootstrap();
    setup.beforeApplicationShutdown();
    await expect(setup.whenEnsured()).resolves.toBe(false);
  });
});
