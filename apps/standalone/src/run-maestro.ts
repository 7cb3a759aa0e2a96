import 'reflect-metadata';
import { JsonLogger } from '@maestro/observability';
import { parseServiceConfigs } from './config/service-configs';
import { type StandaloneConfig, type StandaloneSettings } from './config/standalone.config';
import { type StartedPostgres } from './infrastructure/embedded-postgres.start';
import { StandaloneSystem } from './standalone-system';

/**
 * Runs the three services once main.ts started the embedded database (if any): banner, readiness,
 * and SIGINT/SIGTERM, which stop everything, rooms included; a second signal ends the process at once.
 */
export async function runMaestro(
  settings: StandaloneSettings,
  embedded: Promise<StartedPostgres> | undefined,
): Promise<void> {
  const logger = new JsonLogger('maestro', settings.LOG_LEVEL);
  let config: StandaloneConfig;
  try {
    config = { ...settings, ...parseServiceConfigs() };
  } catch (error) {
    await (await embedded)?.postgres.stop();
    throw error;
  }
  if (config.managementApi.MANAGEMENT_API_AUTH === 'disabled') {
    logger.warn(
      { msg: 'authentication disabled: anyone reaching this port can manage schedulers' },
      'Maestro',
    );
  }
  const system = await StandaloneSystem.start(config, logger, embedded);
  const stop = stopOnSignals(system, logger);
  printBanner(system, config);
  await waitUntilReady(system, logger, stop);
}

function stopOnSignals(system: StandaloneSystem, logger: JsonLogger): AbortSignal {
  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping.signal.aborted) {
      logger.warn({ msg: 'second signal: exiting at once', signal }, 'Maestro');
      logger.flush();
      process.exit(1);
    }
    stopping.abort();
    logger.log({ msg: 'shutting down', signal }, 'Maestro');
    system.stop().then(
      () => {
        logger.log('stopped', 'Maestro');
        logger.flush();
      },
      (error: unknown) => {
        logger.error({ msg: 'shutdown failed', err: error }, 'Maestro');
        logger.flush();
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return stopping.signal;
}

/** Logs "Maestro ready" with the time since the process started; meanwhile, what it waits for. */
async function waitUntilReady(
  system: StandaloneSystem,
  logger: JsonLogger,
  stopping: AbortSignal,
): Promise<void> {
  let lastReport = performance.now();
  while (!stopping.aborted) {
    const unready = await system.unreadyChecks();
    if (unready.length === 0) {
      const startupMs = Math.round(performance.now());
      logger.log({ msg: 'Maestro ready', startupMs }, 'Maestro');
      process.stderr.write(`\n==> Maestro is ready (${(startupMs / 1000).toFixed(1)} s after start)\n\n`);
      return;
    }
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      logger.warn({ msg: 'not ready yet', waitingFor: unready }, 'Maestro');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function printBanner(system: StandaloneSystem, config: StandaloneConfig): void {
  const [firstUser] = config.managementApi.MANAGEMENT_API_USERS;
  const auth = firstUser ? `Basic auth: ${firstUser.user}:${firstUser.password}` : 'no authentication';
  const lines = [
    '',
    '==> Maestro is starting (JSON logs on stdout; Ctrl-C stops it and every room)',
    `    management API  ${system.url('management-api')}   (${auth})`,
    `    rooms API       ${system.url('room-ping-ingest')}`,
    `    worker          ${system.url('worker')}/readyz`,
    ...system.summary.map(([part, what]) => `    ${part.padEnd(15)} ${what}`),
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}
