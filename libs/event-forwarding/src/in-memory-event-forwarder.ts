import {
  EventForwarder,
  type ForwardedRoom,
  type ForwardingResult,
  type RoomEventToForward,
} from '@maestro/application';
import { type Forwarder } from '@maestro/domain';
import { buildForwarderCall, type ReceivedForwarderCall } from './forwarder-messages';
import { forwardInTurn, type CallOutcome, responseCodeName } from './forwarding-attempts';

type AddressBehaviour =
  | { readonly kind: 'answers'; readonly responseCode: number }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'silent' };

/**
 * The forwarding port without a network, for unit tests: every address answers `code: 200` and
 * records what it received (the messages the gRPC adapter would send), unless a test makes it
 * unreachable, silent (its calls run out of time) or answer another code. It passes the same
 * contract suite as the gRPC adapter.
 */
export class InMemoryEventForwarder extends EventForwarder {
  private readonly received = new Map<string, ReceivedForwarderCall[]>();
  private readonly behaviours = new Map<string, AddressBehaviour>();

  forward(
    forwarders: readonly Forwarder[],
    room: ForwardedRoom,
    event: RoomEventToForward,
  ): Promise<ForwardingResult> {
    return forwardInTurn(forwarders, (forwarder) => Promise.resolve(this.deliver(forwarder, room, event)));
  }

  /** What the forwarder at `address` received so far, oldest first. */
  callsTo(address: string): readonly ReceivedForwarderCall[] {
    return this.received.get(address) ?? [];
  }

  /** Every call received, at any address. */
  get allCalls(): readonly ReceivedForwarderCall[] {
    return [...this.received.values()].flat();
  }

  answerWith(address: string, responseCode: number): void {
    this.behaviours.set(address, { kind: 'answers', responseCode });
  }

  makeUnreachable(address: string): void {
    this.behaviours.set(address, { kind: 'unreachable' });
  }

  makeSilent(address: string): void {
    this.behaviours.set(address, { kind: 'silent' });
  }

  private deliver(forwarder: Forwarder, room: ForwardedRoom, event: RoomEventToForward): CallOutcome {
    const call = buildForwarderCall(forwarder, room, event);
    if ('problem' in call) return { delivered: false, code: 'NO_PORT', message: call.message };
    const behaviour = this.behaviours.get(forwarder.address) ?? { kind: 'answers', responseCode: 200 };
    switch (behaviour.kind) {
      case 'unreachable':
        return failure(forwarder, 'UNAVAILABLE', `14 UNAVAILABLE: No connection established`);
      case 'silent':
        return failure(forwarder, 'DEADLINE_EXCEEDED', '4 DEADLINE_EXCEEDED: Deadline exceeded');
      case 'answers': {
        const calls = this.received.get(forwarder.address) ?? [];
        calls.push({ ...call, deadlineMs: forwarder.options.timeoutMs });
        this.received.set(forwarder.address, calls);
        return { delivered: true, code: responseCodeName(behaviour.responseCode) };
      }
    }
  }
}

function failure(forwarder: Forwarder, code: string, detail: string): CallOutcome {
  return {
    delivered: false,
    code,
    message: `failed to forward event room at "${forwarder.name}": ${detail}`,
  };
}
