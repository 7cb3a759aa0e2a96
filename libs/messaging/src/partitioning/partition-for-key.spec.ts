import { partitionForKey } from './partition-for-key';

describe('partitionForKey', () => {
  it('puts a scheduler on the same partition every time', () => {
    expect(partitionForKey('my-scheduler', 6)).toBe(partitionForKey('my-scheduler', 6));
  });

  it('spreads schedulers over every partition', () => {
    const used = new Set(
      Array.from({ length: 200 }, (_, index) => partitionForKey(`scheduler-${String(index)}`, 6)),
    );
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a partition count that is not a positive integer', () => {
    expect(() => partitionForKey('my-scheduler', 0)).toThrow(RangeError);
  });
});
