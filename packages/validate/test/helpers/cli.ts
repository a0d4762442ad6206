import { Readable } from 'node:stream';
import { type CliIo, runCli } from '../../src/cli/run-cli.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd` with captured output (no terminal, no colour). */
export async function runCliIn(
  cwd: string,
  argv: string[],
  opts: { stdin?: Readable; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false },
    stdin: opts.stdin ?? Readable.from([]),
    cwd,
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** The shape of `--format json` output that the tests read. */
export interface JsonOutput {
  version: string;
  summary: {
    files: number;
    failed: number;
    errors: number;
    warnings: number;
    ioErrors: number;
    maxWarnings: number | null;
    tooManyWarnings: boolean;
  };
  files: Array<
    | { file: string; report: { ok: boolean; issues: { code: string; line?: number }[] } }
    | { file: string; error: { code: string; message: string; errno?: string } }
  >;
}

/** Parses stdout as exactly one JSON document (JSON.parse throws on anything else, trailing text included). */
export const parseJson = (stdout: string) => JSON.parse(stdout) as JsonOutput;
