import { JsonLogger } from './json-logger';

function capture(): { lines: Record<string, unknown>[]; logger: JsonLogger } {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('test-service', 'debug', {
    write: (chunk: string) => {
      lines.push(JSON.parse(chunk) as Record<string, unknown>);
    },
  });
  return { lines, logger };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with service, level, context and message', () => {
    const { lines, logger } = capture();
    logger.log('listening on 127.0.0.1:8080', 'Bootstrap');
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'test-service',
      context: 'Bootstrap',
      msg: 'listening on 127.0.0.1:8080',
    });
    expect(typeof lines[0]!.time).toBe('string');
  });

  it("keeps Nest's error stack and context apart", () => {
    const { lines, logger } = capture();
    logger.error('request failed', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'request failed', context: 'ExceptionsHandler' });
    expect(lines[0]!.stack).toContain('Error: boom');
  });

  it('merges structured fields given as an object', () => {
    const { lines, logger } = capture();
    logger.warn({ msg: 'slow consumer', lagMs: 1200 }, 'Consumer');
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'slow consumer', lagMs: 1200, context: 'Consumer' });
  });
});
