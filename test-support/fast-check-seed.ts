/**
 * One fast-check seed per test run, so property tests are deterministic and a failure is reproducible:
 * `RAWMAIL_FC_SEED=<n>` replays a run, `RAWMAIL_FC_SEED=random` explores with a fresh seed, and without it the fixed
 * DEFAULT_SEED is used (CI). The run prints the seed once; fast-check also prints it with any counterexample.
 */
import type { TestProject } from 'vitest/node';

/** The seed CI uses; change it deliberately, never per run. */
export const DEFAULT_SEED = 20261201;

/** Reads RAWMAIL_FC_SEED: a 32-bit integer, `random`, or unset (the default seed). */
export function chooseSeed(env: string | undefined): number {
  if (env === undefined || env === '') return DEFAULT_SEED;
  if (env === 'random') return (Math.random() * 0x80000000) | 0;
  const n = Number(env);
  if (!Number.isInteger(n))
    throw new Error(`RAWMAIL_FC_SEED must be an integer or 'random', not ${JSON.stringify(env)}`);
  return n | 0;
}

declare module 'vitest' {
  export interface ProvidedContext {
    fcSeed: number;
  }
}

/** Vitest globalSetup: picks the seed once for all workers and prints it. */
export default function setup(project: TestProject): void {
  const seed = chooseSeed(process.env.RAWMAIL_FC_SEED);
  console.log(
    `fast-check seed: ${seed} (replay with RAWMAIL_FC_SEED=${seed}; explore with RAWMAIL_FC_SEED=random)`,
  );
  project.provide('fcSeed', seed);
}
