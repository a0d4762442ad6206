/** Runs a Python snippet over a JSON batch (stdin `values`, stdout JSON). A missing python3 fails the test. */
import { spawnSync } from 'node:child_process';

export function python<T>(script: string, values: unknown[]): T[] {
  const r = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(values),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error)
    throw new Error(`python3 is required for this oracle (.ci/run installs it): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as T[];
  if (out.length !== values.length)
    throw new Error(`python3 answered ${out.length} of ${values.length} values`);
  return out;
}
