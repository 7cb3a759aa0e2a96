import { eventually, repoRoot } from '@maestro/testing';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * The README's quick start as a newcomer follows it: `npm start` in a fresh clone (no node_modules,
 * no build), then every command block of its walkthrough, in order; then Ctrl-C with rooms running,
 * which must leave no room process behind. The clone holds the committed files only; while
 * developing, MAESTRO_E2E_COPY_WORKTREE=1 copies the working tree instead.
 */

const credentials = `newcomer:${randomBytes(6).toString('hex')}`;
const blockTimeoutMs = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** The ```bash blocks of the README's walkthrough section, in order. */
function walkthroughBlocks(readme: string): string[] {
  const start = readme.indexOf('### Walkthrough');
  if (start < 0) throw new Error('README.md has no "### Walkthrough" section');
  const rest = readme.slice(readme.indexOf('\n', start));
  const end = rest.search(/^#{2,3} /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/** Runs a README block as a person pastes it into a shell: stops at the first failing command. */
function runBlock(block: string, cwd: string, env: Record<string, string>): void {
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `set -euo pipefail\n${block}`], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: blockTimeoutMs,
  });
  if (run.status !== 0) {
    throw new Error(
      `README block failed (${String(run.status ?? run.signal)}):\n${block}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids of the rooms running now, from their instance records. */
function roomPids(roomsDir: string): number[] {
  if (!existsSync(roomsDir)) return [];
  return readdirSync(roomsDir).flatMap((scheduler) =>
    readdirSync(join(roomsDir, scheduler)).flatMap((room) => {
      const record = join(roomsDir, scheduler, room, 'instance.json');
      if (!existsSync(record)) return [];
      const { pid } = JSON.parse(readFileSync(record, 'utf8')) as { pid: number | null };
      return pid === null ? [] : [pid];
    }),
  );
}

describe('one command: npm start in a fresh clone, the README walkthrough, Ctrl-C', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'maestro-start-'));
  const clone = join(workDir, 'maestro');
  const output: string[] = [];
  let maestro: ChildProcess | undefined;
  let exited: Promise<number | string> | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (process.env.MAESTRO_E2E_COPY_WORKTREE === '1') {
      const skipped = new Set([
        'node_modules',
        'dist',
        '.git',
        '.testenv',
        '.maestro',
        '.nx',
        'test-results',
      ]);
      cpSync(repoRoot(), clone, { recursive: true, filter: (source) => !skipped.has(basename(source)) });
    } else {
      execFileSync('git', ['clone', '--quiet', repoRoot(), clone]);
    }
    const [api, roomsApi, worker] = [await freePort(), await freePort(), await freePort()];
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? workDir,
      MANAGEMENT_API_PORT: String(api),
      ROOMS_API_PORT: String(roomsApi),
      WORKER_PORT: String(worker),
      MANAGEMENT_API_USERS: credentials,
      ...(process.env.MAESTRO_CACHE_DIR ? { MAESTRO_CACHE_DIR: process.env.MAESTRO_CACHE_DIR } : {}),
    };
    // Its own process group, so the test can press Ctrl-C on it as a terminal would.
    maestro = spawn('npm', ['start'], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const child = maestro;
    exited = new Promise((resolveExit) => {
      child.once('exit', (code, signal) => {
        resolveExit(code ?? signal ?? 'unknown');
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => output.push(chunk));
    }
  }, 120_000);

  afterAll(async () => {
    if (maestro?.pid !== undefined && maestro.exitCode === null && maestro.signalCode === null) {
      process.kill(-maestro.pid, 'SIGKILL');
      await exited;
    }
    for (const pid of roomPids(join(clone, '.maestro', 'rooms'))) {
      if (isAlive(pid)) process.kill(-pid, 'SIGKILL');
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  it('comes up from a fresh clone and says where and with which credentials', async () => {
    const ready = await eventually(
      () => {
        const text = output.join('');
        if (maestro?.exitCode !== null) throw new Error(`npm start exited:\n${text}`);
        const match = /Maestro is ready \((?<seconds>[\d.]+) s after start\)/.exec(text);
        if (!match) throw new Error('not ready yet');
        return { text, seconds: match.groups?.seconds };
      },
      { timeoutMs: 1_200_000, intervalMs: 500, description: 'npm start to report Maestro ready' },
    );
    console.log(`npm start: Maestro ready ${ready.seconds ?? '?'} s after its process started`);
    expect(ready.text).toContain(`management API  http://127.0.0.1:${env.MANAGEMENT_API_PORT}`);
    expect(ready.text).toContain(`Basic auth: ${credentials}`);
    expect(ready.text).toContain(`rooms API       http://127.0.0.1:${env.ROOMS_API_PORT}`);
    expect(ready.text).toContain('embedded (PGlite)');
    expect(ready.text).toContain('in-process');
    for (const port of [env.MANAGEMENT_API_PORT, env.ROOMS_API_PORT, env.WORKER_PORT]) {
      const readiness = await fetch(`http://127.0.0.1:${port ?? ''}/readyz`);
      expect(readiness.status).toBe(200);
    }
  }, 1_300_000);

  it('runs every command of the README walkthrough: create, ready, occupied, scale, allocate, delete', () => {
    const blocks = walkthroughBlocks(readFileSync(join(clone, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const blockEnv = {
      ...env,
      API: `http://127.0.0.1:${env.MANAGEMENT_API_PORT ?? ''}`,
      ROOMS: `http://127.0.0.1:${env.ROOMS_API_PORT ?? ''}`,
      AUTH: credentials,
    };
    for (const block of blocks) runBlock(block, clone, blockEnv);
  }, 600_000);

  it('stops on Ctrl-C with rooms running, and leaves no room process behind', async () => {
    // The walkthrough's first block again: create the scheduler and wait for its two ready rooms.
    const [createAndWait] = walkthroughBlocks(readFileSync(join(clone, 'README.md'), 'utf8'));
    runBlock(createAndWait ?? '', clone, {
      ...env,
      API: `http://127.0.0.1:${env.MANAGEMENT_API_PORT ?? ''}`,
      ROOMS: `http://127.0.0.1:${env.ROOMS_API_PORT ?? ''}`,
      AUTH: credentials,
    });
    const rooms = roomPids(join(clone, '.maestro', 'rooms'));
    expect(rooms).toHaveLength(2);
    expect(rooms.filter(isAlive)).toHaveLength(2);

    // Ctrl-C reaches the whole foreground group (npm, the shell, node); rooms have groups of their own.
    process.kill(-maestro!.pid!, 'SIGINT');
    await exited;
    await eventually(
      () => {
        expect(output.join('')).toContain('"msg":"stopped"');
        expect(rooms.filter(isAlive)).toEqual([]);
      },
      { timeoutMs: 30_000, description: 'Maestro stopped and its rooms gone' },
    );
  }, 120_000);
});
