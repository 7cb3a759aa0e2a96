import { MessagePublisher, type OutgoingMessage } from '@maestro/application';
import { CoalescingPublisher } from './coalescing.publisher';

/** An inner publisher whose sends stay in flight until the test settles them. */
class ControlledPublisher extends MessagePublisher {
  readonly sends: { messages: OutgoingMessage[]; ack: () => void; fail: (error: Error) => void }[] = [];

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sends.push({ messages: [...messages], ack: resolve, fail: reject });
    });
  }

  keysOf(send: number): string[] {
    return (this.sends[send]?.messages ?? []).map((message) => message.envelope.id);
  }
}

function message(id: string): OutgoingMessage {
  return {
    topic: 'room-pings',
    key: 'arena',
    envelope: {
      id,
      type: 'RoomPinged',
      schemaVersion: 1,
      source: 'test',
      subject: 'arena',
      time: '2026-11-27T12:00:00.000Z',
      data: {},
    },
  };
}

/** Lets the publisher's setImmediate run and every settled promise propagate. */
async function turn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

function track(promise: Promise<void>): { state: 'pending' | 'resolved' | 'rejected'; error?: unknown } {
  const tracked: { state: 'pending' | 'resolved' | 'rejected'; error?: unknown } = { state: 'pending' };
  promise.then(
    () => (tracked.state = 'resolved'),
    (error: unknown) => {
      tracked.state = 'rejected';
      tracked.error = error;
    },
  );
  return tracked;
}

describe('CoalescingPublisher', () => {
  it('sends the messages of callers that publish together in one send, in order', async () => {
    const inner = new ControlledPublisher();
    const publisher = new CoalescingPublisher(inner);
    const calls = ['a', 'b', 'c'].map((id) => track(publisher.publish([message(id)])));
    await turn();
    expect(inner.sends).toHaveLength(1);
    expect(inner.keysOf(0)).toEqual(['a', 'b', 'c']);
    expect(calls.map((call) => call.state)).toEqual(['pending', 'pending', 'pending']);
  });

  it('settles each caller only once the send carrying its messages is acknowledged', async () => {
    const inner = new ControlledPublisher();
    const publisher = new CoalescingPublisher(inner);
    const call = track(publisher.publish([message('a')]));
    await turn();
    expect(call.state).toBe('pending');
    inner.sends[0]!.ack();
    await turn();
    expect(call.state).toBe('resolved');
  });

  it('fails every caller of a failed send with its error, and goes on sending', async () => {
    const inner = new ControlledPublisher();
    const publisher = new CoalescingPublisher(inner);
    const failed = [track(publisher.publish([message('a')])), track(publisher.publish([message('b')]))];
    await turn();
    const error = new Error('broker unavailable');
    inner.sends[0]!.fail(error);
    await turn();
    expect(failed).toEqual([
      { state: 'rejected', error },
      { state: 'rejected', error },
    ]);

    const later = track(publisher.publish([message('c')]));
    await turn();
    inner.sends[1]!.ack();
    await turn();
    expect(later.state).toBe('resolved');
  });

  it('keeps the configured number of sends in flight and gathers what arrives meanwhile', async () => {
    const inner = new ControlledPublisher();
    const publisher = new CoalescingPublisher(inner, { maxConcurrentSends: 1 });
    const first = track(publisher.publish([message('a')]));
    await turn();
    const waiting = ['b', 'c', 'd'].map((id) => track(publisher.publish([message(id)])));
    await turn();
    expect(inner.sends).toHaveLength(1);

    inner.sends[0]!.ack();
    await turn();
    expect(first.state).toBe('resolved');
    expect(inner.sends).toHaveLength(2);
    expect(inner.keysOf(1)).toEqual(['b', 'c', 'd']);
    inner.sends[1]!.ack();
    await turn();
    expect(waiting.map((call) => call.state)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('by default keeps two sends in flight, so that what arrives meanwhile leaves together in the next', async () => {
    const inner = new ControlledPublisher();
    const publisher = new CoalescingPublisher(inner);
    void publisher.publish([message('a')]);
    await turn();
    void publisher.publish([message('b')]);
    await turn();
    for (const id of ['c', 'd', 'e', 'f', 'g']) void publisher.publish([message(id)]);
    await turn();
    expect(inner.sends).toHaveLength(2);

    inner.sends[0]!.ack();
    await turn();
    expect(inner.keysOf(2)).toEqual(['c', 'd', 'e', 'f', 'g']);
  });

  it('splits a large backlog into several sends without splitting a caller’s messages', async () => {
    const inner = new ControlledPublisher();
    const publisher = new CoalescingPublisher(inner, { maxMessagesPerSend: 3, maxConcurrentSends: 2 });
    void publisher.publish([message('a'), message('b')]);
    void publisher.publish([message('c'), message('d')]);
    void publisher.publish([message('e')]);
    await turn();
    expect(inner.sends.map((_, index) => inner.keysOf(index))).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('resolves an empty publish at once without sending', async () => {
    const inner = new ControlledPublisher();
    await new CoalescingPublisher(inner).publish([]);
    expect(inner.sends).toEqual([]);
  });
});
