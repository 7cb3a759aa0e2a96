import { Inject, Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@maestro/observability';
import { RoomForwardingConsumer } from './room-forwarding.consumer';

/**
 * Ready once the forwarding consumer joined its consumer group: until then no forwarder hears of
 * pings or deleted rooms, and `/readyz` says so instead of staying silent.
 */
@Injectable()
export class ForwardingReadinessCheck extends ReadinessCheck {
  readonly name = 'forwarding';

  constructor(@Inject(RoomForwardingConsumer) private readonly consumer: RoomForwardingConsumer) {
    super();
  }

  check(): Promise<void> {
    return this.consumer.isSubscribed
      ? Promise.resolve()
      : Promise.reject(new Error('joining its consumer group'));
  }
}
