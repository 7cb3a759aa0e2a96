import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root: the nearest folder above this file holding pnpm-workspace.yaml. Found by
 * walking up, so the answer is the same from the sources (tests) and from the build output (tools).
 */
export function repoRoot(from: string = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}
