import { defineConfig } from 'vitest/config';
// @ts-expect-error: plain ESM module without types
import { currentModule } from './scripts/mutation/modules.mjs';
import base from './vitest.config.js';

// `pnpm test:mutation`: only the test files that prove the module being mutated (scripts/mutation/modules.mjs).
// Built by hand rather than with mergeConfig, which would append to the base `include` instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: currentModule().tests } });
