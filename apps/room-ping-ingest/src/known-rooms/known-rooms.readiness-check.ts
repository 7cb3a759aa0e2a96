import { ReadinessCheck } from '@maestro/observability';
import { Injectable } from '@nestjs/common';
import { RoomEventsConsumer } from './room-events.consumer';

/**
 * Ready once the known-rooms view holds everything `room-events` held when this instance joined:
 * before that, a ping from a live room would be refused as coming from an unknown room.
 */
@Injectable()
export class KnownRoomsReadinessCheck extends ReadinessCheck {
  readonly name = 'known-rooms';

  constructor(private readonly consumer: RoomEventsConsumer) {
    super();
  }

  check(): Promise<void> {
    const problem = this.consumer.readinessProblem();
    return problem === undefined ? Promise.resolve() : Promise.reject(new Error(problem));
  }
}
