import { defaultSettings, parseCliArgs, UsageError } from './cli-args';

const known = ['http-stack', 'ping-ingest'];

describe('the command line', () => {
  it('runs every benchmark with the default settings when given nothing', () => {
    expect(parseCliArgs([], known)).toEqual({ kind: 'run', names: known, settings: defaultSettings });
  });

  it('runs only the named benchmarks, with the settings given', () => {
    expect(
      parseCliArgs(
        ['http-stack', '--duration', '2', '--connections', '10', '--rounds', '1', '--warmup', '0'],
        known,
      ),
    ).toEqual({
      kind: 'run',
      names: ['http-stack'],
      settings: { durationSeconds: 2, connections: 10, rounds: 1, warmupSeconds: 0 },
    });
  });

  it('accepts --option=value', () => {
    expect(parseCliArgs(['--duration=5'], known)).toMatchObject({ settings: { durationSeconds: 5 } });
  });

  it('rejects an unknown benchmark, naming the known ones', () => {
    expect(() => parseCliArgs(['http-stak'], known)).toThrow(
      new UsageError('unknown benchmark http-stak; known: http-stack, ping-ingest'),
    );
  });

  it.each([
    [['--duration', '0'], '--duration takes a number ≥ 1, not "0"'],
    [['--connections', '2.5'], '--connections takes a whole number ≥ 1, not "2.5"'],
    [['--rounds', 'many'], '--rounds takes a whole number ≥ 1, not "many"'],
    [['--warmup=-1'], '--warmup takes a number ≥ 0, not "-1"'],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args, known)).toThrow(new UsageError(message));
  });

  it('takes a list of connection counts, the first one standing for all benchmarks that take one', () => {
    expect(parseCliArgs(['--connections', '50,500'], known)).toMatchObject({
      settings: { connections: 50, connectionCounts: [50, 500] },
    });
  });

  it('takes the rooms to ping and whether to profile', () => {
    expect(parseCliArgs(['--rooms', '2000', '--profile'], known)).toMatchObject({
      settings: { rooms: 2000, profile: true },
    });
    expect(() => parseCliArgs(['--rooms', '0'], known)).toThrow(
      new UsageError('--rooms takes a whole number ≥ 1, not "0"'),
    );
  });

  it("takes the worker's heap limit for ping-lag, at least 64 MiB", () => {
    expect(parseCliArgs(['--worker-heap-mib', '160'], known)).toMatchObject({
      settings: { workerHeapMiB: 160 },
    });
    expect(() => parseCliArgs(['--worker-heap-mib', '16'], known)).toThrow(UsageError);
  });

  it("takes how ping-lag's load reaches the worker, http or kafka", () => {
    expect(parseCliArgs(['--load-via', 'kafka'], known)).toMatchObject({ settings: { loadVia: 'kafka' } });
    expect(parseCliArgs([], known)).not.toHaveProperty('settings.loadVia');
    expect(() => parseCliArgs(['--load-via', 'grpc'], known)).toThrow(
      new UsageError('--load-via takes http or kafka, not "grpc"'),
    );
  });

  it('rejects an unknown option', () => {
    expect(() => parseCliArgs(['--pipelining', '10'], known)).toThrow(UsageError);
  });

  it('asks for help with --help', () => {
    expect(parseCliArgs(['--help'], known)).toEqual({ kind: 'help' });
  });
});
