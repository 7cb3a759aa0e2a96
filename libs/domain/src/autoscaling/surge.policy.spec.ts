import { surgeAmount } from './surge.policy';

describe('rolling update surge', () => {
  const cases: [string, number, number][] = [
    ['3', 10, 3],
    ['+2', 10, 2],
    ['25%', 10, 3],
    ['10%', 30, 3],
    ['100%', 7, 7],
    ['150%', 4, 6],
    ['0', 10, 1],
    ['-2', 10, 1],
    ['0%', 10, 1],
    ['-10%', 10, 1],
    ['50%', 0, 1],
    ['abc', 10, 1],
    ['', 10, 1],
    ['5.5', 10, 1],
    [' 5', 10, 1],
    ['5%%', 10, 1],
  ];

  it.each(cases)('maxSurge %p with %i desired rooms allows %i extra rooms', (maxSurge, desired, surge) => {
    expect(surgeAmount(maxSurge, desired)).toBe(surge);
  });
});
