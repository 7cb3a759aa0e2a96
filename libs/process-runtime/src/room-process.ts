import { existsSync, readFileSync } from 'node:fs';

/**
 * Whether `pid` is still the process started with `command`. A pid alone is not enough: once a
 * room is gone its pid can be reused by any process, which the runtime must never signal. On
 * Linux the pid's `/proc/<pid>/cmdline` must equal the command (a zombie's is empty); without
 * `/proc` (macOS) only the pid's existence is checked.
 */
export function isRoomProcess(pid: number, command: readonly string[]): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // ESRCH: no such process; EPERM: a process of another user, so not one of our rooms.
    if (isErrnoException(error)) return false;
    throw error;
  }
  if (!existsSync('/proc/self/cmdline')) return true;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  const argv = cmdline.split('\0');
  if (argv.at(-1) === '') argv.pop();
  return argv.length === command.length && argv.every((arg, index) => arg === command[index]);
}

/**
 * Signals a room's process group (rooms are started in their own group, so `sh -c` and whatever
 * the room started get the signal too), or the process alone if it has no group of its own.
 * Says whether anything was signalled.
 */
export function signalRoom(pid: number, signal: NodeJS.Signals): boolean {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
      return true;
    } catch (error) {
      if (!isErrnoException(error)) throw error;
    }
  }
  return false;
}

/** Duck-typed: errors from Node's core are not always `instanceof Error` of the caller's realm (jest). */
function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}
