// One Jest configuration for every project and every test tier.
// The tier (unit, int, e2e) comes from MAESTRO_TEST_TIER so one run covers all projects with one
// worker pool; Nx's per-project `test`, `test-int` and `e2e` targets narrow it with --selectProjects.
const fs = require('node:fs');
const path = require('node:path');

const tiers = {
  unit: { testMatch: ['<rootDir>/**/*.spec.ts'], testTimeout: 10_000 },
  int: { testMatch: ['<rootDir>/**/*.int-spec.ts'], testTimeout: 120_000 },
  e2e: { testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 300_000 },
};
const tierName = process.env.MAESTRO_TEST_TIER ?? 'unit';
const tier = tiers[tierName];
if (!tier) throw new Error(`MAESTRO_TEST_TIER must be one of ${Object.keys(tiers).join(', ')}`);

// ESM-only packages that Jest's CommonJS loader must transform (pnpm keeps them under .pnpm/<name>@…).
const esmOnlyPackages = [
  '@kubernetes\\+client-node',
  'openid-client',
  'oauth4webapi',
  'jose',
  '@nestjs\\+[a-z-]+',
  'file-type',
  'load-esm',
  'uid',
  'strtok3',
  'token-types',
  '@tokenizer\\+[a-z-]+',
  'uint8array-extras',
];

const swcTypeScript = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const swcJavaScript = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

function projectDirs() {
  return ['apps', 'libs', 'tools'].flatMap((group) => {
    const groupDir = path.join(__dirname, group);
    if (!fs.existsSync(groupDir)) return [];
    return fs
      .readdirSync(groupDir)
      .map((name) => path.join(groupDir, name))
      .filter((dir) => fs.existsSync(path.join(dir, 'project.json')));
  });
}

module.exports = {
  testTimeout: tier.testTimeout,
  projects: projectDirs().map((dir) => ({
    displayName: JSON.parse(fs.readFileSync(path.join(dir, 'project.json'), 'utf8')).name,
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: tier.testMatch,
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    transform: { '^.+\\.ts$': swcTypeScript, '^.+\\.m?js$': swcJavaScript },
    transformIgnorePatterns: [`/node_modules/\\.pnpm/(?!(${esmOnlyPackages.join('|')})@)`],
    // Tests run against the libraries' sources, so a change needs no rebuild before a test run.
    moduleNameMapper: {
      // The apps' entry points, which the one-process launcher (apps/standalone) composes.
      '^@maestro/(management-api|room-ping-ingest|worker)$': `${__dirname}/apps/$1/src/index.ts`,
      '^@maestro/([a-z0-9-]+)$': `${__dirname}/libs/$1/src/index.ts`,
    },
  })),
};
