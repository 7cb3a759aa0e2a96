import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

/** Where the real services of `tools/testenv` listen; read from the env file that `up` writes. */
export interface TestEnvironment {
  /** Admin connection to the throw-away Postgres cluster. */
  readonly postgresUrl: string;
  readonly kafkaBrokers: string[];
  readonly kubeconfigPath: string;
}

function parseEnvFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^(?<key>[A-Z0-9_]+)=(?<value>.*)$/.exec(line.trim());
    if (match?.groups) values[match.groups.key ?? ''] = (match.groups.value ?? '').replace(/^"(.*)"$/, '$1');
  }
  return values;
}

let cached: TestEnvironment | undefined;

/**
 * The running test environment. Integration and end-to-end tests call this first; it fails with
 * the command to run when the environment is not up, instead of letting tests time out.
 */
export function testEnvironment(): TestEnvironment {
  if (cached) return cached;
  const envFile = process.env.MAESTRO_TESTENV_FILE ?? join(repoRoot(), '.testenv', 'testenv.env');
  if (!existsSync(envFile)) {
    throw new Error(`No test environment found at ${envFile}. Start it with: pnpm testenv:up`);
  }
  const values = parseEnvFile(envFile);
  const required = (key: string): string => {
    const value = values[key];
    if (!value) throw new Error(`${envFile} has no ${key}; restart the test environment (pnpm testenv:up)`);
    return value;
  };
  // Each service is looked up when a test needs it, so a partial environment (`up postgres`) serves
  // the tests that only need that service.
  cached = {
    get postgresUrl() {
      return required('DATABASE_URL');
    },
    get kafkaBrokers() {
      return required('KAFKA_BROKERS').split(',');
    },
    get kubeconfigPath() {
      return required('KUBECONFIG');
    },
  };
  return cached;
}
