/**
 * How many rooms above the desired count a rolling update may create (reference §7 step 5):
 * `"<n>"` is n rooms, `"<n>%"` is `ceil(n% × desired)`; zero, negative or unreadable gives 1 so
 * an update always makes progress. Percentages are computed on integers (`ceil(n × desired / 100)`),
 * so 10% of 30 is 3 (Go's float arithmetic in Maestro makes it 4).
 */
export function surgeAmount(maxSurge: string, desired: number): number {
  const match = /^([+-]?\d+)(%?)$/.exec(maxSurge);
  if (!match) return 1;
  const value = Number(match[1]);
  const surge = match[2] === '%' ? Math.ceil((value * desired) / 100) : value;
  return Number.isSafeInteger(surge) && surge > 0 ? surge : 1;
}
