import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

// Tests run against the TypeScript sources, so `pnpm test` needs no prior build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@rawmail\/mime\/address$/, replacement: src('mime/src/address/index.ts') },
      { find: /^@rawmail\/mime$/, replacement: src('mime/src/index.ts') },
      { find: /^@rawmail\/validate\/address$/, replacement: src('validate/src/address/index.ts') },
      { find: /^@rawmail\/validate$/, replacement: src('validate/src/index.ts') },
      { find: /^@rawmail\/compose$/, replacement: src('compose/src/index.ts') },
      { find: /^@rawmail\/ses\/nodemailer$/, replacement: src('ses/src/nodemailer/index.ts') },
      { find: /^@rawmail\/ses$/, replacement: src('ses/src/index.ts') },
      { find: /^@rawmail\/campaign\/bullmq$/, replacement: src('campaign/src/bullmq/index.ts') },
      { find: /^@rawmail\/campaign$/, replacement: src('campaign/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // One fast-check seed per run (fixed unless RAWMAIL_FC_SEED says otherwise), printed at the start.
    globalSetup: ['./test-support/fast-check-seed.ts'],
    setupFiles: ['./test-support/fast-check-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
