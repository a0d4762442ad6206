import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildConfig } from '../children/config.js';

const children = fileURLToPath(new URL('../children/', import.meta.url));
// The package directory: `--import tsx` resolves tsx from the working directory.
const packageDir = fileURLToPath(new URL('../../', import.meta.url));

/** A child process running `children/<script>.ts` from source (tsx, with the workspace packages mapped to src). */
export interface Child {
  process: ChildProcess;
  /** Everything it printed on stdout so far. */
  stdout(): string;
  /** Resolves when a stdout line starts with `prefix`. */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChild(script: string, config: ChildConfig): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', `${children}${script}.ts`], {
    env: {
      ...process.env,
      RAWMAIL_CHILD: JSON.stringify(config),
      TSX_TSCONFIG_PATH: `${children}tsx-paths.json`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: packageDir,
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  proc.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    for (const l of listeners) l();
  });
  proc.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: proc,
    stdout: () => out,
    exited,
    waitFor: (prefix, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split('\n').find((l) => l.startsWith(prefix));
          if (line === undefined) return;
          cleanup();
          resolve(line);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`child ${script} printed no "${prefix}" line in ${timeoutMs} ms; stderr:\n${err}`),
          );
        }, timeoutMs);
        const onExit = () => {
          check();
          cleanup();
          reject(new Error(`child ${script} exited before "${prefix}"; stderr:\n${err}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          proc.off('exit', onExit);
        };
        listeners.add(check);
        proc.once('exit', onExit);
        check();
      }),
  };
}

/** Resolves once `predicate` holds, polling every 20 ms; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
