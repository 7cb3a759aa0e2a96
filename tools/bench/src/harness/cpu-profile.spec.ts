import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseNewestProfile, summariseProfile } from './cpu-profile';

const profile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
    { id: 2, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    {
      id: 3,
      callFrame: {
        functionName: 'encode',
        url: 'file:///repo/node_modules/.pnpm/kafkajs@2.2.4/node_modules/kafkajs/src/protocol/encoder.js',
        lineNumber: 9,
      },
    },
    {
      id: 4,
      callFrame: {
        functionName: 'handle',
        url: 'file:///repo/libs/application/dist/rooms/handler.js',
        lineNumber: 0,
      },
    },
    { id: 5, callFrame: { functionName: 'writeBuffer', url: 'node:internal/buffer', lineNumber: 3 } },
  ],
  samples: [2, 3, 3, 3, 4, 5, 2],
  timeDeltas: [1_000_000, 100_000, 100_000, 100_000, 50_000, 50_000, 1_000_000],
};

describe('a CPU profile summary', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cpu-profile-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares the busy time, idle left out, by package or project and by function', () => {
    const file = join(dir, 'CPU.1.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const summary = summariseProfile(file);
    expect(summary.busyMs).toBe(400);
    expect(summary.byArea).toEqual([
      { name: 'kafkajs', selfPercent: 75 },
      { name: 'libs/application', selfPercent: 12.5 },
      { name: 'node internals', selfPercent: 12.5 },
    ]);
    expect(summary.topFunctions[0]).toEqual({
      name: 'encode kafkajs/src/protocol/encoder.js:10',
      selfPercent: 75,
    });
  });

  it('takes the newest profile of a folder, and none from an empty one', () => {
    expect(summariseNewestProfile(dir)).toBeUndefined();
    writeFileSync(join(dir, 'CPU.1.cpuprofile'), JSON.stringify({ ...profile, samples: [], timeDeltas: [] }));
    writeFileSync(join(dir, 'CPU.2.cpuprofile'), JSON.stringify(profile));
    expect(summariseNewestProfile(dir)?.file).toBe(join(dir, 'CPU.2.cpuprofile'));
  });
});
