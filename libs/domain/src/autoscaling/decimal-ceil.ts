/**
 * `Math.ceil` for results of arithmetic on decimal parameters. Binary floating point turns
 * `1 / (1 − 0.8)` into 5.000000000000001 and `2 / (1 − 0.9)` into 20.000000000000004, which a plain
 * ceil would make 6 and 21 rooms where Maestro's documentation (and the user) expect 5 and 20.
 * Rounding to 12 significant digits first removes that noise and nothing a user could mean.
 */
export function decimalCeil(value: number): number {
  return Math.ceil(Number(value.toPrecision(12)));
}
