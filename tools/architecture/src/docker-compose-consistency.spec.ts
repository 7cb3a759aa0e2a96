import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');

function envFile(name: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of readFileSync(join(repoRoot, 'tools/testenv', name), 'utf8').split('\n')) {
    const match = /^(?<key>[A-Z0-9_]+)=(?<value>.*)$/.exec(line.trim());
    if (match?.groups?.key) values.set(match.groups.key, match.groups.value ?? '');
  }
  return values;
}

describe('docker-compose.yml', () => {
  const compose = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
  const testenv = new Map([...envFile('ports.env'), ...envFile('versions.env')]);
  const defaults = [...compose.matchAll(/\$\{(?<name>[A-Z0-9_]+):-(?<value>[^}]*)\}/g)].map((m) => m.groups!);

  it('takes every setting from a variable of the test environment', () => {
    expect(defaults.length).toBeGreaterThan(5);
    for (const { name } of defaults) expect(testenv.has(name!)).toBe(true);
  });

  it('defaults each variable to the value the test environment uses', () => {
    for (const { name, value } of defaults)
      expect({ name, value }).toEqual({ name, value: testenv.get(name!) });
  });

  it('uses the same Kafka group settings as the test environment broker', () => {
    const kafkaScript = readFileSync(join(repoRoot, 'tools/testenv/lib/kafka.sh'), 'utf8');
    for (const setting of [
      'num.partitions=6',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
    ]) {
      expect(kafkaScript).toContain(setting);
      const [key, value] = setting.split('=');
      const composeKey = `KAFKA_${key!.toUpperCase().replaceAll('.', '_')}`;
      expect(compose).toMatch(new RegExp(`${composeKey}: '?${value}'?`));
    }
  });
});
