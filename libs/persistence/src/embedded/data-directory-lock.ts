import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Name of the lock file inside an embedded database's data directory. */
export const lockFileName = 'maestro-embedded.lock';

/** The data directory already serves an embedded database (in this process or another one). */
export class DataDirectoryInUseError extends Error {
  readonly code = 'DataDirectoryInUse';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database's data directory ${dataDir} is in use by process ${String(pid)}: ` +
        `stop that process first (if it is not a Maestro process, delete ${join(dataDir, lockFileName)})`,
    );
    this.name = 'DataDirectoryInUseError';
  }
}

/**
 * Claims a data directory for this process. PGlite itself does not: a second PGlite opens a
 * directory another one is writing (its `postmaster.pid` holds a fake pid) and both corrupt it.
 * The lock file holds our pid; a lock whose process is gone (killed, crashed) is taken over.
 * Limits: a recycled pid reads as alive (delete the file by hand); two processes taking over the same
 * stale lock at the same instant may both win; it guards one machine, not a shared file system.
 * Returns the function that releases the lock.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const path = join(dataDir, lockFileName);
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written aside then linked into place: the lock never exists without its pid, and link fails
    // when the lock exists, so two processes cannot both claim it.
    const claim = `${path}.${String(process.pid)}`;
    writeFileSync(claim, `${String(process.pid)}\n`);
    try {
      linkSync(claim, path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const holder = readPid(path);
      if (holder !== undefined && isAlive(holder)) throw new DataDirectoryInUseError(dataDir, holder);
      rmSync(path, { force: true }); // stale: its process is gone
      continue;
    } finally {
      rmSync(claim, { force: true });
    }
    return () => {
      if (readPid(path) === process.pid) rmSync(path, { force: true });
    };
  }
  // Another process took the stale lock over between our two attempts.
  throw new DataDirectoryInUseError(dataDir, readPid(path) ?? -1);
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
