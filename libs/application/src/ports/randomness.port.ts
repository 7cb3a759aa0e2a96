import { randomInt, randomUUID } from 'node:crypto';

/** Ids and random draws come in through this port so handlers stay deterministic under test. */
export abstract class Randomness {
  /** A fresh UUID (event ids). */
  abstract uuid(): string;
  /** A number in [0, 1) (room id suffixes, host port draws). */
  abstract fraction(): number;
}

/** Event ids and random draws from Node's cryptographic generator. */
export class SystemRandomness extends Randomness {
  uuid(): string {
    return randomUUID();
  }

  fraction(): number {
    return randomInt(0, 2 ** 48 - 1) / 2 ** 48;
  }
}
