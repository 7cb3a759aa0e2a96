import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { pglitePackage } from './pglite-package';

/** An initialised, empty PGlite database: a data directory, and the same as a PGlite dump. */
export interface DatabaseTemplate {
  readonly dir: string;
  /** A tar archive of `dir` as PGlite dumps it, which an in-memory PGlite loads (`loadDataDir`). */
  readonly archive: string;
}

/** Creates the database in a worker thread, dumps it, and closes it. Plain CommonJS, as in embedded-postgres.ts. */
const templateWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');
const { PGlite } = require(workerData.pglite);
(async () => {
  const db = new PGlite(workerData.dir);
  await db.waitReady;
  const dump = await db.dumpDataDir('none');
  writeFileSync(workerData.archive, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  parentPort.postMessage({ type: 'done' });
})().catch((error) => parentPort.postMessage({ type: 'failed', message: String((error && error.message) || error) }));
`;

/**
 * A new PGlite database takes several seconds to initialise (5–7 s on this project's two-core
 * machine), a copy of an initialised one a fraction of a second. The template is made once per PGlite
 * version in `cacheDir` (in a temporary name, then renamed: two processes making it at once both
 * succeed, one copy is kept) and reused by every new embedded database after it.
 */
export async function ensureDatabaseTemplate(cacheDir: string): Promise<DatabaseTemplate> {
  const { pglite, version } = pglitePackage();
  const name = `pglite-${version}-template`;
  const template = { dir: join(cacheDir, name), archive: join(cacheDir, `${name}.tar`) };
  if (isInitialised(template.dir) && existsSync(template.archive)) return template;

  mkdirSync(cacheDir, { recursive: true });
  const suffix = `.${String(process.pid)}.${String(Date.now())}`;
  const draft = { dir: `${template.dir}${suffix}`, archive: `${template.archive}${suffix}` };
  try {
    await runTemplateWorker({ pglite, ...draft });
    // The archive first: a template directory is only trusted next to its archive.
    renameSync(draft.archive, template.archive);
    if (!isInitialised(template.dir)) {
      rmSync(template.dir, { recursive: true, force: true });
      renameSync(draft.dir, template.dir);
    }
  } finally {
    rmSync(draft.dir, { recursive: true, force: true });
    rmSync(draft.archive, { force: true });
  }
  return template;
}

/**
 * Fills a data directory that holds no database yet with a copy of the template. Returns whether it
 * did; a directory that already holds one is left alone.
 */
export function seedDataDirectory(dataDir: string, template: DatabaseTemplate): boolean {
  if (isInitialised(dataDir)) return false;
  mkdirSync(dataDir, { recursive: true });
  for (const entry of readdirSync(template.dir)) {
    cpSync(join(template.dir, entry), join(dataDir, entry), { recursive: true });
  }
  return true;
}

function isInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

async function runTemplateWorker(workerData: {
  pglite: string;
  dir: string;
  archive: string;
}): Promise<void> {
  const worker = new Worker(templateWorkerSource, { eval: true, workerData });
  const finished = new Promise<void>((resolve, reject) => {
    worker.once('message', (reply: { type: 'done' } | { type: 'failed'; message: string }) => {
      if (reply.type === 'done') resolve();
      else reject(new Error(`creating the embedded database template: ${reply.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`the embedded database template thread exited with code ${String(code)}`));
    });
  });
  try {
    await finished;
  } finally {
    await worker.terminate();
  }
}
