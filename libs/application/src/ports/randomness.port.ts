/** Ids and random draws come in through this port so handlers stay deterministic under test. */
export abstract class Randomness {
  /** A fresh UUID (event ids). */
  abstract uuid(): string;
  /** A number in [0, 1) (room id suffixes, host port draws). */
  abstract fraction(): number;
}
