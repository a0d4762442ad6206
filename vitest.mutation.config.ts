import { defineConfig } from 'vitest/config';
// @ts-expect-error: plain ESM module without types
import { currentModule } from './scripts/mutation/modules.mjs';
import base from './vitest.config.js';

// `pnpm test:mutation`: only the test files that prove the module being mutated (scripts/mutation/modules.mjs).
// Built by hand rather than with mergeConfig, which would append to the base `include` instead of replacing it.
// Tests named after Python (the python3 oracles) are left out here: one python3 start per mutant made runs take
// hours; the fixed cases, references and properties judge the mutants, and `pnpm test` runs the oracles.
// A module may also leave out tests too slow to run once per mutant (`skipTests` in modules.mjs).
const m = currentModule();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const skipped = ['Python', ...(m.skipTests ?? []).map(escapeRegExp)].join('|');

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: m.tests,
    testNamePattern: new RegExp(`^(?!.*(?:${skipped})).*$`),
    // Instrumented code runs several times slower: the large-input tests need more than the usual 30 s.
    testTimeout: 180_000,
  },
});
