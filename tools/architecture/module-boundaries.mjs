// The dependency rules of the monorepo (docs/adr/0002-module-boundaries.md), enforced by
// @nx/enforce-module-boundaries through project tags. Dependencies point inward:
// domain ← application ← adapters ← apps.
export const moduleBoundaryConstraints = [
  // Pure TypeScript: no library of ours and nothing from npm.
  { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: [], allowedExternalImports: [] },
  // Wire schemas: validated with zod only.
  { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: [], allowedExternalImports: ['zod'] },
  // Use cases and ports: the domain and the contracts, no framework.
  {
    sourceTag: 'layer:application',
    onlyDependOnLibsWithTags: ['layer:domain', 'layer:contracts'],
    allowedExternalImports: [],
  },
  // Cross-cutting platform code (configuration, logs, metrics, health).
  { sourceTag: 'layer:platform', onlyDependOnLibsWithTags: ['layer:platform'] },
  // Adapters implement ports; they never reach into apps.
  {
    sourceTag: 'layer:adapter',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:contracts',
      'layer:application',
      'layer:platform',
      'layer:adapter',
    ],
  },
  // Test helpers may use anything but an app.
  {
    sourceTag: 'layer:testing',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:contracts',
      'layer:application',
      'layer:platform',
      'layer:adapter',
      'layer:testing',
    ],
  },
  // Only apps compose adapters; an app never imports another app.
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:contracts',
      'layer:application',
      'layer:platform',
      'layer:adapter',
      'layer:testing',
    ],
  },
  // The one-process launcher (apps/standalone) composes the apps with shared adapters. Nx forbids
  // importing an application whatever the tags: eslint.config.mjs allows the three by name there.
  {
    sourceTag: 'type:launcher',
    onlyDependOnLibsWithTags: [
      'layer:domain',
      'layer:contracts',
      'layer:application',
      'layer:platform',
      'layer:adapter',
      'layer:testing',
    ],
  },
  // Tooling (benchmarks, architecture checks) may use any library.
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
];

/** Tests of any project may also use the shared test helpers (libs/testing). */
export const testModuleBoundaryConstraints = moduleBoundaryConstraints.map((constraint) =>
  constraint.onlyDependOnLibsWithTags.includes('*')
    ? constraint
    : { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'layer:testing'] },
);
