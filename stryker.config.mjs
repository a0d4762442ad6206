// @ts-check
/**
 * Mutation testing for the wire layer, one module per run: use `pnpm test:mutation [module ...]`
 * (scripts/mutation/run.mjs), which sets MUTATION_MODULE. Not part of `pnpm check`: too slow for CI.
 * Scores per module are recorded in docs/testing.md.
 */
import { currentModule, mutateScope } from './scripts/mutation/modules.mjs';

const m = currentModule();
const cache = `node_modules/.cache/stryker/${m.name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // MUTATION_FILES may narrow a run to some of the module's files (see modules.mjs).
  mutate: mutateScope(m.name),
  // Incremental: the last result per module lives in a gitignored cache (node_modules/.cache): a rerun tests only
  // mutants whose code or covering tests changed. Not committed, because it is a machine-local cache that goes
  // stale with every source change on other branches and would conflict on every merge.
  incremental: true,
  incrementalFile: `${cache}/incremental.json`,
  tempDirName: `${cache}/tmp`,
  cleanTempDir: 'always',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  // Extra time a mutant's tests get over the unmutated run before it counts as a timeout (an endless loop).
  timeoutMS: Number(process.env.MUTATION_TIMEOUT_MS ?? 30_000),
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `${cache}/mutation.json` },
  thresholds: { high: 90, low: 85, break: null },
  ignoreStatic: true,
};
