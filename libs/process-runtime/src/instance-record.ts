import { type RoomInstanceSpec } from '@maestro/application';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const INSTANCE_FILE = 'instance.json';
export const LOG_FILE = 'room.log';

/**
 * What `<baseDir>/<scheduler>/<room>/instance.json` holds: enough for a runtime started later on
 * the same directory to find the room's process again (pid and command, checked against
 * `/proc/<pid>/cmdline`) and to report it as the worker knows it (spec, version).
 */
export interface InstanceRecord {
  readonly pid: number | null;
  readonly command: readonly string[];
  readonly version: string;
  readonly startedAt: string;
  readonly spec: RoomInstanceSpec;
  /** Set once the process failed to start or exited with an error: the room stays listed as `error`. */
  readonly failure?: string;
}

export function writeInstanceRecord(roomDir: string, record: InstanceRecord): void {
  const path = join(roomDir, INSTANCE_FILE);
  // Written aside and renamed, so a runtime killed mid-write never leaves half a record.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

export function removeInstanceRecord(roomDir: string): void {
  rmSync(join(roomDir, INSTANCE_FILE), { force: true });
}

/** The room's record; undefined when there is none, an Error when it cannot be read as one. */
export function readInstanceRecord(roomDir: string): InstanceRecord | Error | undefined {
  let text: string;
  try {
    text = readFileSync(join(roomDir, INSTANCE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return error instanceof Error ? error : new Error(String(error));
  }
  try {
    const parsed = JSON.parse(text) as Partial<InstanceRecord> | null;
    if (
      parsed === null ||
      typeof parsed !== 'object' ||
      !(parsed.pid === null || typeof parsed.pid === 'number') ||
      !Array.isArray(parsed.command) ||
      typeof parsed.version !== 'string' ||
      typeof parsed.startedAt !== 'string' ||
      typeof parsed.spec !== 'object'
    ) {
      return new Error('not an instance record');
    }
    return parsed as InstanceRecord;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
