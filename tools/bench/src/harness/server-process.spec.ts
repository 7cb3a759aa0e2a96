import { compiledScript } from './server-process';

describe('compiledScript', () => {
  it('points a module under tools/bench/src at its build output', () => {
    expect(compiledScript('/repo/tools/bench/src/benchmarks/x', 'server.js')).toBe(
      '/repo/tools/bench/dist/benchmarks/x/server.js',
    );
  });

  it('leaves a module already under dist where it is', () => {
    expect(compiledScript('/repo/tools/bench/dist/benchmarks/x', 'server.js')).toBe(
      '/repo/tools/bench/dist/benchmarks/x/server.js',
    );
  });
});
