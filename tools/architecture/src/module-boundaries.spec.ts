import { createProjectGraphAsync } from '@nx/devkit';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const boundaryRule = '@nx/enforce-module-boundaries';
const written: string[] = [];

/** Lints a throw-away source file placed inside a project, with the repository's real ESLint config. */
function boundaryErrors(projectDir: string, source: string): string[] {
  const file = join(repoRoot, projectDir, 'src', `boundary-probe-${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(file, source);
  written.push(file);
  // ESLint runs as `pnpm lint` runs it: its own process, the repository's flat config.
  const eslint = spawnSync(join(repoRoot, 'node_modules/.bin/eslint'), ['--format', 'json', file], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(eslint.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? []).filter((message) => message.ruleId === boundaryRule).map((m) => m.message);
}

beforeAll(async () => {
  // The rule reads Nx's cached project graph; without it the rule would silently skip.
  await createProjectGraphAsync({ exitOnError: false });
}, 120_000);

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

// Each case starts ESLint with type information: tens of seconds on a busy 2-core machine.
jest.setTimeout(180_000);

describe('module boundaries (lint)', () => {
  it('fails when the domain imports a framework', () => {
    const errors = boundaryErrors(
      'libs/domain',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    );
    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  });

  it('fails when the domain imports an adapter', () => {
    const errors = boundaryErrors(
      'libs/domain',
      "import { PostgresEventStore } from '@maestro/event-store';\nexport const probe = PostgresEventStore;\n",
    );
    // Reported as a tag violation or, since every adapter depends on the domain, as a cycle.
    expect(errors.join('\n')).toMatch(/layer:domain|Circular dependency between "domain" and "event-store"/);
  });

  it('fails when the domain imports any other library of ours', () => {
    const errors = boundaryErrors(
      'libs/domain',
      "import { parseConfig } from '@maestro/config';\nexport const probe = parseConfig;\n",
    );
    expect(errors.join('\n')).toMatch(/layer:domain/);
  });

  it('fails when the application layer imports a database driver', () => {
    const errors = boundaryErrors(
      'libs/application',
      "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n",
    );
    expect(errors.join('\n')).toMatch(/typeorm/);
  });

  it('accepts the domain on its own', () => {
    const errors = boundaryErrors('libs/domain', "export const probe = 'pure';\n");
    expect(errors).toEqual([]);
  });
});
