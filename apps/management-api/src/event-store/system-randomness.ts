import { randomUUID } from 'node:crypto';
import { Randomness } from '@maestro/application';

export class SystemRandomness extends Randomness {
  uuid(): string {
    return randomUUID();
  }

  fraction(): number {
    return Math.random();
  }
}
