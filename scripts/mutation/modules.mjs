/**
 * The modules under mutation testing, each with the source it mutates and the test files that prove it (the only
 * tests the vitest runner loads for that module). `pnpm test:mutation [module ...]` runs them one at a time.
 * Line ranges (`file:from-to`) scope a mutation run to the lines that enforce a limit in a larger file.
 * `skipTests` lists text that, found anywhere in a test's full `describe … test` name, leaves the test out of that
 * module's runs. Files are listed one by one (no globs), so that the score can say which of them were measured.
 *
 * `MUTATION_FILES=<file>,<file>` (entries of one module's `mutate`, exactly as written there) mutates only those
 * files in that run: a module too large for one sitting is measured file by file. The incremental report keeps the
 * results of the other files, and run.mjs scores the whole module only when every file has results for its current
 * source; otherwise it prints the score as partial and names the files it lacks.
 */
export const modules = {
  'header-writer': {
    mutate: ['packages/mime/src/header-writer.ts'],
    tests: ['packages/mime/test/header-writer.test.ts'],
  },
  base64: {
    mutate: ['packages/mime/src/base64.ts'],
    tests: ['packages/mime/test/base64.test.ts'],
  },
  'quoted-printable': {
    mutate: ['packages/mime/src/quoted-printable.ts'],
    tests: ['packages/mime/test/quoted-printable.test.ts', 'packages/mime/test/qp-reference.test.ts'],
  },
  'rfc2047-encode': {
    mutate: ['packages/mime/src/rfc2047-encode.ts'],
    tests: ['packages/mime/test/rfc2047.test.ts', 'packages/compose/test/grapheme-fast-path.test.ts'],
  },
  'rfc2047-decode': {
    mutate: ['packages/mime/src/rfc2047-decode.ts'],
    tests: [
      'packages/mime/test/rfc2047.test.ts',
      'packages/mime/test/rfc2047-decode.test.ts',
      'packages/mime/test/encoded-word-error.test.ts',
      'packages/mime/test/encoded-word-spans.test.ts',
      'packages/mime/test/lenient-decode.test.ts',
      'packages/mime/test/utf8-charset-fast-path.test.ts',
    ],
  },
  rfc2231: {
    mutate: [
      'packages/mime/src/rfc2231-encode.ts',
      'packages/mime/src/rfc2231-decode.ts',
      'packages/mime/src/params.ts',
    ],
    tests: [
      'packages/mime/test/rfc2231.test.ts',
      'packages/mime/test/rfc2231-decode.test.ts',
      'packages/mime/test/rfc2231-edges.test.ts',
      'packages/mime/test/rfc2231-decode-reference.test.ts',
      'packages/mime/test/params-list.test.ts',
      'packages/mime/test/params-names.test.ts',
      'packages/mime/test/params-quoted.test.ts',
    ],
  },
  address: {
    // Every file of src/address except index.ts (re-exports) and types.ts (types only).
    mutate: [
      'packages/mime/src/address/addr-spec-checks.ts',
      'packages/mime/src/address/addr-spec.ts',
      'packages/mime/src/address/address-list.ts',
      'packages/mime/src/address/chars.ts',
      'packages/mime/src/address/display-name.ts',
      'packages/mime/src/address/idna.ts',
      'packages/mime/src/address/limits.ts',
      'packages/mime/src/address/list-parser.ts',
      'packages/mime/src/address/local-part.ts',
      'packages/mime/src/address/problems.ts',
      'packages/mime/src/address/structure-problems.ts',
      'packages/mime/src/address/tokenizer.ts',
    ],
    tests: ['packages/mime/test/address/*.test.ts'],
    // Two parses of 5 MB exceed the test timeout under Stryker's instrumentation; the work-counter tests up to
    // 128 KiB in the same file still fail on a mutant that makes parsing superlinear.
    skipTests: ['a 5 MB header value'],
  },
  'classify-error': {
    mutate: ['packages/ses/src/classify-error.ts'],
    tests: ['packages/ses/test/classify-error.test.ts'],
  },
  'reader-line-limits': {
    // The reader's line-length checks: the streamed last line's comparison, the fast path's length guard (only
    // that disjunct: its other guards send a line to the general path, which does the same), and the general
    // path's line length and comparison. `anchor`: every range must match it, so that a range
    // left behind by an edit of the file fails the run instead of mutating other code.
    mutate: [
      'packages/validate/src/reader/message-reader.ts:359-360',
      'packages/validate/src/reader/message-reader.ts:437-437',
      'packages/validate/src/reader/message-reader.ts:487-487',
      'packages/validate/src/reader/message-reader.ts:495-499',
    ],
    anchor: /MAX_LINE_OCTETS|const lineLen =/,
    tests: [
      'packages/validate/test/limits.test.ts',
      'packages/validate/test/body-lines.test.ts',
      'packages/validate/test/line-limit-edges.test.ts',
    ],
  },
};

/** The module named by MUTATION_MODULE (set by scripts/mutation/run.mjs). */
export function currentModule() {
  const name = process.env.MUTATION_MODULE;
  const m = name === undefined ? undefined : modules[name];
  if (m === undefined)
    throw new Error(
      `MUTATION_MODULE must be one of ${Object.keys(modules).join(', ')}; run 'pnpm test:mutation'`,
    );
  return { name, ...m };
}

/**
 * What a run of module `name` mutates: its `mutate` list, or the part of it named by MUTATION_FILES. Throws when
 * MUTATION_FILES names something that is not an entry of the module (a typo would otherwise mutate nothing, or
 * files outside the module).
 */
export function mutateScope(name) {
  const all = modules[name].mutate;
  const only = process.env.MUTATION_FILES;
  if (only === undefined || only.trim() === '') return all;
  const listed = only.split(',').map((f) => f.trim());
  const unknown = listed.filter((f) => !all.includes(f));
  if (unknown.length > 0)
    throw new Error(
      `MUTATION_FILES: ${unknown.join(', ')} not in module '${name}'; its entries are:\n  ${all.join('\n  ')}`,
    );
  return listed;
}
