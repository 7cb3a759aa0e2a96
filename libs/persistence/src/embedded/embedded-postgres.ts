import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataDirectory } from './data-directory-lock';
import { ensureDatabaseTemplate, seedDataDirectory } from './database-template';
import { pglitePackage } from './pglite-package';

/** Where the embedded database keeps its data: a directory that survives restarts, or memory. */
export type EmbeddedStorage = { readonly dataDir: string } | { readonly inMemory: true };

export type EmbeddedPostgresOptions = EmbeddedStorage & {
  /** Port on 127.0.0.1 (default 0: any free port; read it back from `url`). */
  readonly port?: number;
  /**
   * Where to keep an initialised empty database that new ones are copied from (see
   * database-template.ts): a new database then starts in about a second instead of five or more.
   * Without it, PGlite initialises every new database itself.
   */
  readonly templateCacheDir?: string;
};

interface WorkerData {
  readonly pglite: string;
  readonly pgliteSocket: string;
  readonly dataDir: string | undefined;
  /** A PGlite dump an in-memory database starts from. */
  readonly archive: string | undefined;
  readonly port: number;
}

type WorkerReply =
  | { readonly type: 'listening'; readonly address: string }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string };

/**
 * The thread that runs PGlite and its socket server. It is plain CommonJS given as a string: a file
 * would have to exist in compiled form next to the sources under test too, and PGlite loads its
 * WebAssembly with dynamic `import()`, which Jest's module sandbox refuses (a worker runs outside it).
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const { PGLiteSocketServer } = require(workerData.pgliteSocket);
const { readFileSync } = require('node:fs');
const fail = (error) =>
  parentPort.postMessage({ type: 'failed', message: String(error && error.message || error), stack: error && error.stack });
(async () => {
  const db =
    workerData.dataDir !== undefined ? new PGlite(workerData.dataDir)
    : workerData.archive !== undefined ? new PGlite({ loadDataDir: new Blob([readFileSync(workerData.archive)]) })
    : new PGlite();
  await db.waitReady;
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: workerData.port, maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  parentPort.once('message', () => {
    (async () => {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    })().catch(fail);
  });
  parentPort.postMessage({ type: 'listening', address: server.getServerConn() });
})().catch(fail);
`;

/**
 * Postgres in the process, for the embedded mode: PGlite (Postgres compiled to WebAssembly) behind
 * pglite-socket on 127.0.0.1, so the application speaks to it with the usual `pg` driver and the same
 * SQL and migrations as on a real server. PGlite runs in a worker thread: its queries (and the
 * seconds it takes to initialize a new database) do not block the application's event loop.
 *
 * PGlite has one session. The socket server accepts one connection at a time, and the `pg` pool on
 * `url` must have one connection (`createDataSource({ url, poolSize: 1 })`): transactions then run
 * one after the other instead of interleaving in the shared session. A caller that opens a
 * transaction and, inside it, waits for a query outside it (another pooled connection) waits forever.
 */
export class EmbeddedPostgres {
  private stopping?: Promise<void>;
  private crash?: Error;

  private constructor(
    private readonly worker: Worker,
    private readonly releaseLock: () => void,
    /** `postgres://postgres@127.0.0.1:<port>/postgres`: the connection string of a `pg` pool. */
    readonly url: string,
    /** Absolute data directory, or undefined in memory. */
    readonly dataDir: string | undefined,
  ) {
    worker.on('error', (error) => {
      this.crash = error;
    });
  }

  /**
   * Opens (and on first use initializes) the database and starts listening. Throws
   * `DataDirectoryInUseError` when another embedded database serves `dataDir`.
   */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const dataDir = 'dataDir' in options ? resolve(options.dataDir) : undefined;
    const template =
      options.templateCacheDir === undefined
        ? undefined
        : await ensureDatabaseTemplate(options.templateCacheDir);
    let releaseLock = (): void => undefined;
    if (dataDir !== undefined) {
      mkdirSync(dataDir, { recursive: true });
      releaseLock = lockDataDirectory(dataDir);
    }
    let worker: Worker | undefined;
    try {
      if (dataDir !== undefined && template !== undefined) seedDataDirectory(dataDir, template);
      const { pglite, pgliteSocket } = pglitePackage();
      const workerData: WorkerData = {
        pglite,
        pgliteSocket,
        dataDir,
        archive: dataDir === undefined ? template?.archive : undefined,
        port: options.port ?? 0,
      };
      worker = new Worker(workerSource, { eval: true, workerData });
      const reply = await nextReply(worker);
      if (reply.type !== 'listening') throw new Error(`embedded database sent ${reply.type} at start`);
      return new EmbeddedPostgres(
        worker,
        releaseLock,
        `postgres://postgres@${reply.address}/postgres`,
        dataDir,
      );
    } catch (error) {
      await worker?.terminate();
      releaseLock();
      throw error;
    }
  }

  /**
   * Closes the connections and the socket server, then PGlite, which writes everything to the data
   * directory; a later `start` on it sees every committed transaction. Destroy the data sources on
   * `url` first: a transaction still open on a connection is rolled back. Safe to call twice.
   */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    try {
      if (this.crash) throw this.crash;
      const stopped = nextReply(this.worker);
      this.worker.postMessage({ type: 'stop' });
      const reply = await stopped;
      if (reply.type !== 'stopped') throw new Error(`embedded database sent ${reply.type} at stop`);
    } finally {
      await this.worker.terminate();
      this.releaseLock();
    }
  }
}

/** The worker's next message; a failure it reports, or its death, rejects. */
function nextReply(worker: Worker): Promise<WorkerReply> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (reply: WorkerReply): void => {
      settle();
      if (reply.type === 'failed') {
        const error = new Error(`embedded database: ${reply.message}`);
        if (reply.stack !== undefined) error.stack = reply.stack;
        reject(error);
      } else {
        resolvePromise(reply);
      }
    };
    const onError = (error: Error): void => {
      settle();
      reject(error);
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`embedded database thread exited with code ${String(code)}`));
    };
    const settle = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
