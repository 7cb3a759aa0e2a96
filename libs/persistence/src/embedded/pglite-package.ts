import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Paths the worker threads load PGlite from, and its version (templates are made per version). */
export interface PglitePackage {
  readonly pglite: string;
  readonly pgliteSocket: string;
  readonly version: string;
}

let found: PglitePackage | undefined;

export function pglitePackage(): PglitePackage {
  found ??= {
    pglite: require.resolve('@electric-sql/pglite'),
    pgliteSocket: require.resolve('@electric-sql/pglite-socket'),
    version: packageVersion(require.resolve('@electric-sql/pglite')),
  };
  return found;
}

/** The version in the nearest package.json above the entry point (the package hides it from require). */
function packageVersion(entryPoint: string): string {
  for (let dir = dirname(entryPoint); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      version?: string;
    };
    if (name === '@electric-sql/pglite' && version) return version;
  }
  throw new Error(`no package.json of @electric-sql/pglite above ${entryPoint}`);
}
