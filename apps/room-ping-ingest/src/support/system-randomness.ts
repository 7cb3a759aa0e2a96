import { Randomness } from '@maestro/application';
import { randomInt, randomUUID } from 'node:crypto';

/** Event ids and random draws from Node's CSPRNG. */
export class SystemRandomness extends Randomness {
  uuid(): string {
    return randomUUID();
  }

  fraction(): number {
    return randomInt(0, 2 ** 48 - 1) / 2 ** 48;
  }
}
