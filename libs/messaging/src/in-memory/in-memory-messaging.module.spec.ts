import { type ClassProvider, type Provider, type ValueProvider } from '@nestjs/common';
import { MessagingModule } from '../messaging.module';
import { TopicProvisioner } from '../topology/topic-provisioner';
import { InMemoryMessageBus } from './in-memory-message-bus.adapter';
import { InMemoryTopicProvisioner } from './in-memory-topic-provisioner';

function providerOf(providers: Provider[] | undefined, token: unknown): Provider | undefined {
  return (providers ?? []).find((provider) => typeof provider === 'object' && provider.provide === token);
}

/** Providers given as bare classes: Nest calls their lifecycle hooks (the bus's shutdown). */
function classProviders(providers: Provider[] | undefined): string[] {
  return (providers ?? []).flatMap((provider) => (typeof provider === 'function' ? [provider.name] : []));
}

describe('MessagingModule.forInMemory', () => {
  it('provides a topic provisioner with nothing to do, and closes its own bus at shutdown', async () => {
    const module = MessagingModule.forInMemory();
    const provisioner = providerOf(module.providers, TopicProvisioner) as ClassProvider | undefined;
    expect(provisioner?.useClass).toBe(InMemoryTopicProvisioner);
    expect(module.exports).toContain(TopicProvisioner);
    expect(classProviders(module.providers)).toEqual(['InMemoryBusShutdown']);
    await expect(
      new InMemoryTopicProvisioner().ensureTopics({
        topics: ['room-events'],
        partitions: 6,
        replicationFactor: 1,
      }),
    ).resolves.toBeUndefined();
  });

  it('uses a bus shared between applications and leaves it to its owner to close', () => {
    const shared = new InMemoryMessageBus();
    const module = MessagingModule.forInMemory({ bus: shared });
    expect((providerOf(module.providers, InMemoryMessageBus) as ValueProvider | undefined)?.useValue).toBe(
      shared,
    );
    expect(classProviders(module.providers)).toEqual([]);
  });
});
