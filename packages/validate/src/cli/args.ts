import { parseArgs } from 'node:util';
import { escapeControls } from '@rawmail/mime';
import type { MessageTag, ProfileName } from '../types.js';

/** Output formats of the CLI. */
export type OutputFormat = 'text' | 'json' | 'github' | 'sarif';

/** Parsed command line. */
export interface CliOptions {
  profile: ProfileName;
  source: string | undefined;
  destinations: string[] | undefined;
  tags: MessageTag[] | undefined;
  configurationSetName: string | undefined;
  format: OutputFormat;
  /** Where the formatted report goes instead of stdout (`--output-file`), relative to the working directory. */
  outputFile: string | undefined;
  /** Largest number of warnings (over all files) that still exits 0; undefined = no limit. */
  maxWarnings: number | undefined;
  quiet: boolean;
  concurrency: number;
  color: boolean | undefined;
  help: boolean;
  version: boolean;
  /** Files, directories, globs, or `-` for stdin. */
  inputs: string[];
}

/** A command-line mistake: the CLI prints the message (control characters escaped) and exits 2. */
export class UsageError extends Error {
  readonly code = 'cli.usage';
  constructor(message: string) {
    super(escapeControls(message));
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  profile: { type: 'string', short: 'p' },
  source: { type: 'string' },
  destination: { type: 'string', multiple: true, short: 'd' },
  tag: { type: 'string', multiple: true },
  'configuration-set': { type: 'string' },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  concurrency: { type: 'string', short: 'j' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Levenshtein distance, for "did you mean" suggestions (short strings only). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

function suggest(flag: string): string {
  const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
  let best: string | undefined;
  let bestD = 3;
  for (const known of Object.keys(OPTIONS)) {
    const d = distance(name, known);
    if (d < bestD || (known.startsWith(name) && name.length >= 2 && bestD > 0)) {
      best = known;
      bestD = known.startsWith(name) ? 0 : d;
    }
  }
  return best ? ` Did you mean --${best}?` : '';
}

function positiveInt(flag: string, value: string, allowZero: boolean): number {
  if (!/^\d{1,9}$/.test(value) || (!allowZero && Number(value) === 0))
    throw new UsageError(
      `--${flag} needs a ${allowZero ? 'non-negative' : 'positive'} integer, got '${value}'.`,
    );
  return Number(value);
}

/** Parses the CLI arguments; throws `UsageError` with a one-line explanation. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    const e = error as { code?: string; message: string };
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      throw new UsageError(
        `Unknown option '${flag}'.${suggest(flag)} Run rawmail-validate --help for the options.`,
      );
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(e.message.split('\n')[0] ?? e.message);
    throw new UsageError(e.message);
  }
  const profile = (values.profile as string | undefined) ?? 'ses-v1';
  if (profile !== 'ses-v1' && profile !== 'ses-v2' && profile !== 'rfc5322')
    throw new UsageError(`Unknown profile '${profile}'; use ses-v1, ses-v2 or rfc5322.`);
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'github' && format !== 'sarif')
    throw new UsageError(`Unknown format '${format}'; use text, json, github or sarif.`);
  const outputFile = values['output-file'] as string | undefined;
  if (outputFile === '') throw new UsageError('--output-file needs a file name.');
  const tags = (values.tag as string[] | undefined)?.map((t) => {
    const eq = t.indexOf('=');
    if (eq <= 0) throw new UsageError(`--tag needs NAME=VALUE, got '${t}'.`);
    return { name: t.slice(0, eq), value: t.slice(eq + 1) };
  });
  if (values.color && values['no-color']) throw new UsageError('Use either --color or --no-color, not both.');
  const help = values.help === true;
  const version = values.version === true;
  if (!help && !version && positionals.length === 0)
    throw new UsageError('No input: give one or more files, directories or globs, or - for standard input.');
  return {
    profile,
    source: values.source as string | undefined,
    destinations: values.destination as string[] | undefined,
    tags,
    configurationSetName: values['configuration-set'] as string | undefined,
    format,
    outputFile,
    maxWarnings:
      values['max-warnings'] === undefined
        ? undefined
        : positiveInt('max-warnings', values['max-warnings'] as string, true),
    quiet: values.quiet === true,
    concurrency:
      values.concurrency === undefined ? 8 : positiveInt('concurrency', values.concurrency as string, false),
    color: values.color === true ? true : values['no-color'] === true ? false : undefined,
    help,
    version,
    inputs: positionals,
  };
}

/** The `--help` text. */
export const HELP = `Usage: rawmail-validate [options] FILE... | -

Checks raw MIME messages (.eml) against Amazon SES's rules before you send them.
FILE may be a file, a directory (searched recursively for *.eml), a glob such as
'mail/**/*.eml' (quote it), or - for standard input.

Options:
  -p, --profile NAME          ses-v1 (default, 10 MB), ses-v2 (40 MB) or rfc5322
      --source ADDR           the SES Source / FromEmailAddress to check
  -d, --destination ADDR      an envelope recipient (repeatable)
      --tag NAME=VALUE        an SES message tag to check (repeatable)
      --configuration-set N   an SES configuration set name to check
  -f, --format FORMAT         text (default), json, github (workflow annotations)
                              or sarif (SARIF 2.1.0, for GitHub code scanning)
  -o, --output-file FILE      write the report to FILE instead of standard output
      --max-warnings N        exit 1 when there are more than N warnings in all
  -q, --quiet                 print errors only: no warnings, no summary
  -j, --concurrency N         files validated at once (default 8)
      --color, --no-color     force or disable colour (default: on for a terminal)
  -h, --help                  show this help
  -v, --version               show the version

Exit status: 0 no errors (and warnings within --max-warnings), 1 a message fails
(or too many warnings), 2 usage or I/O error (a missing or unreadable input, a glob
or directory without message, the report file cannot be written).
Rules and their codes: https://github.com/rawmail/rawmail/blob/main/docs/rules.md
`;
