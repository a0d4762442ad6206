/**
 * Issue 8 §1: compose and validate never disagree. Over Unicode input that includes NFKC compatibility characters
 * (fullwidth specials and dots), zero-width characters and mail specials — in display names, local parts, domains,
 * subjects and file names — every `compose` call either throws a `ComposeError` with a code, or its output
 * (a) gets no error from `validate` under `ses-v2` and (b) has an envelope equal, address for address, to what the
 * validator's address parser and Python's `email` package read from From/To/Cc (plus Bcc).
 *
 * Seeded: set RAWMAIL_FC_SEED to replay; fast-check prints the seed and the shrunk counterexample on failure.
 */
import { spawnSync } from 'node:child_process';
import { parseAddressList } from '@rawmail/mime/address';
import { validate } from '@rawmail/validate';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { ComposeError, type ComposeInput, compose } from '../src/index.js';
import { HEADER_CONTROLS } from './helpers/arbitraries.js';
import { headerSections, unfold } from './helpers/inspect.js';
import { pythonParse } from './helpers/oracles.js';

const SEED = Number(process.env.RAWMAIL_FC_SEED ?? 20261202);
const RUNS = 250;
const TIME_LIMIT_MS = 60_000;

/** Characters that NFKC / UTS #46 map to ASCII specials, dots or letters, invisible ones and mail specials. */
const TRICKY = [
  '\uFF0C', // ， → ,
  '\uFF1B', // ； → ;
  '\uFF08', // （ → (
  '\uFF09', // ） → )
  '\uFF02', // ＂ → "
  '\uFF0A', // ＊ → *
  '\uFF1D', // ＝ → =
  '\uFF07', // ＇ → '
  '\uFF20', // ＠ → @
  '\uFF1C', // ＜ → <
  '\uFF1E', // ＞ → >
  '\uFF1A', // ： → :
  '\uFF3F', // ＿ → _
  '\uFF0E', // ． → .
  '\u3002', // 。 → .
  '\uFF61', // ｡ → .
  '\u2024', // ․ (one dot leader)
  '\uFE52', // ﹒ small full stop
  '\uFF45', // ｅ → e
  '\u2100', // ℀ → a/c
  '\u200B', // zero width space
  '\u200C', // zero width non-joiner
  '\u200D', // zero width joiner
  '\u00AD', // soft hyphen
  '\u2060', // word joiner
  '\uFEFF', // byte order mark
  '\u034F', // combining grapheme joiner
  'ü',
  'ß',
  'ς',
  'İ',
  ',',
  ';',
  '(',
  ')',
  '"',
  '\\',
  '<',
  '>',
  '@',
  ':',
  '.',
  ' ',
  '=?',
  '?=',
  '=?UTF-8?B?QUJD?=',
];
const ATEXT = "abcXYZ019!#$%&'*+/=?^_`{|}~-";

const tricky = fc.constantFrom(...TRICKY);
const clean = (s: string) => s.replace(HEADER_CONTROLS, '').replace(/\p{Cs}/gu, '');
const text = (max: number) =>
  fc
    .array(
      fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('a', 'Bob', 'x y')),
      {
        maxLength: max,
      },
    )
    .map((a) => clean(a.join('')));

const localPart = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('a', 'john.doe', 'x+tag', "o'neil", 'A_B', '"a b"', '"a.b"', '"x\\\\y"'),
  },
  fc.array(fc.constantFrom(...ATEXT.split(''), '.'), { minLength: 1, maxLength: 10 }).map((a) => a.join('')),
  text(4).map((s) => `"${s.replace(/["\\]/g, '')}"`),
  text(4).map((s) => `"${s}"`),
  fc
    .array(fc.oneof(fc.constantFrom('a', 'b', '.'), tricky), { minLength: 1, maxLength: 6 })
    .map((a) => a.join('')),
);
const label = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('example', 'mail', 'xn--bcher-kva', 'a-b', 'x1', 'Example') },
  fc
    .array(fc.oneof(fc.constantFrom('a', 'b', '-', '1', 'ä'), tricky), { minLength: 1, maxLength: 6 })
    .map((a) => a.join('')),
  fc.constantFrom('ä'.repeat(70), `ä${'a'.repeat(55)}`, `ä${'a'.repeat(56)}`, 'a'.repeat(63), 'a'.repeat(64)),
);
const domain = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('org', 'de', 'com', 'рф'),
    fc.constantFrom('.', '\uFF0E', '\u3002'),
  )
  .map(([labels, tld, dot]) => [...labels, tld].join(dot));
const cleanLocal = fc.constantFrom(
  'a',
  'john.doe',
  'x+tag',
  "o'neil",
  'A_B',
  '"a b"',
  '"a.b"',
  '"x\\\\y"',
  'Z',
);
const cleanDomain = fc.constantFrom(
  'example.org',
  'Mail.Example.COM',
  'bücher.example',
  'straße.de',
  'ПРИМЕР.рф',
  '\uFF45xample\uFF0Eorg',
  'ex-ample\u3002de',
  `ä${'a'.repeat(55)}.de`,
);
/** Mostly addresses that should compose (so acceptance is tested), sometimes hostile ones. */
const addrSpec = fc
  .oneof(
    { weight: 6, arbitrary: fc.tuple(cleanLocal, cleanDomain) },
    { weight: 2, arbitrary: fc.tuple(cleanLocal, domain) },
    { weight: 1, arbitrary: fc.tuple(localPart, cleanDomain) },
    { weight: 1, arbitrary: fc.tuple(localPart, domain) },
  )
  .map(([l, d]) => `${l}@${d}`);
const addressInput = fc.oneof(
  addrSpec,
  fc.record({ name: text(4), address: addrSpec }),
  fc.tuple(text(4), addrSpec).map(([n, a]) => `${n} <${a}>`),
  fc.tuple(text(4), addrSpec).map(([n, a]) => `"${n.replace(/["\\]/g, '')}" <${a}>`),
);
const list = fc.array(addressInput, { minLength: 1, maxLength: 2 });

const inputArb = fc.record({
  from: addressInput,
  to: list,
  cc: fc.option(list, { nil: undefined }),
  bcc: fc.option(list, { nil: undefined }),
  subject: text(6),
  filename: fc.option(
    text(5).filter((s) => s.trim() !== ''),
    { nil: undefined },
  ),
});
type Gen = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(g: Gen): ComposeInput {
  return {
    from: g.from,
    to: g.to,
    cc: g.cc,
    bcc: g.bcc,
    subject: g.subject,
    text: 'Hello',
    attachments: g.filename === undefined ? undefined : [{ filename: g.filename, content: 'data' }],
  };
}

/** Top-level header fields of a raw message, unfolded, by lower-case name. */
function topHeaders(raw: Uint8Array): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const field of unfold(headerSections(raw)[0] ?? [])) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon).toLowerCase();
    out.set(name, [...(out.get(name) ?? []), field.slice(colon + 1)]);
  }
  return out;
}

/** What the validator's address parser reads from the named header fields. */
function parsed(raw: Uint8Array, names: readonly string[]): string[] {
  const h = topHeaders(raw);
  return names.flatMap((n) =>
    (h.get(n) ?? []).flatMap((v) => {
      const r = parseAddressList(v, { allowGroups: true });
      expect(r.problems, `${n}: ${v}`).toEqual([]);
      return r.mailboxes.map((m) => m.address);
    }),
  );
}

const uniqueCI = (xs: readonly string[]) => {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()));
};

type Outcome = { raw: Uint8Array; envelope: { from: string; to: string[] }; bccOnly: string[] } | undefined;

/** Composes `g`; undefined when compose refused it with a coded ComposeError (anything else fails the test). */
async function attempt(g: Gen): Promise<Outcome> {
  try {
    const m = await compose(toInput(g));
    // What Bcc resolves to, read back from the headers of a message that carries the same list in To.
    const bccOnly =
      g.bcc === undefined
        ? []
        : parsed((await compose({ from: 'a@example.com', to: g.bcc, text: 'x' })).raw, ['to']);
    return { raw: m.raw, envelope: m.envelope, bccOnly };
  } catch (err) {
    if (!(err instanceof ComposeError)) throw err;
    expect(err.code).toMatch(/^compose\.[a-z-]+$/);
    return undefined;
  }
}

async function checkAgainstValidator(g: Gen): Promise<void> {
  const out = await attempt(g);
  if (out === undefined) return;
  const report = await validate(out.raw, { profile: 'ses-v2' });
  const errors = report.issues.filter((i) => i.severity === 'error');
  expect(errors, Buffer.from(out.raw).toString('latin1')).toEqual([]);
  expect(parsed(out.raw, ['from'])).toEqual([out.envelope.from]);
  expect(out.envelope.to).toEqual(uniqueCI([...parsed(out.raw, ['to', 'cc']), ...out.bccOnly]));
}

describe('compose and validate agree on hostile Unicode (issue 8 §1)', () => {
  beforeAll(() => {
    const py = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (py.status !== 0) throw new Error('python3 is required for the Python email oracle and was not found');
  });

  test(`refused with a code, or no validator error and envelope = what the validator's parser reads (seed ${SEED})`, async () => {
    await fc.assert(fc.asyncProperty(inputArb, checkAgainstValidator), {
      seed: SEED,
      numRuns: RUNS,
      interruptAfterTimeLimit: TIME_LIMIT_MS,
    });
  });

  test(`envelope = what Python's email package reads from From/To/Cc, plus Bcc (seed ${SEED})`, async () => {
    const gens = fc.sample(inputArb, { numRuns: RUNS, seed: SEED });
    const outcomes = (await Promise.all(gens.map(attempt))).map((o, i) => ({ o, g: gens[i] as Gen }));
    const composed = outcomes.filter((x): x is { o: NonNullable<Outcome>; g: Gen } => x.o !== undefined);
    expect(
      composed.length,
      'too few inputs compose: the generator no longer tests acceptance',
    ).toBeGreaterThan(RUNS / 5);
    const py = pythonParse(composed.map((x) => x.o.raw));
    composed.forEach(({ o, g }, k) => {
      const p = py[k];
      const why = `seed ${SEED}, input ${JSON.stringify(toInput(g))}`;
      expect(p?.error, why).toBeUndefined();
      expect(
        p?.from?.map((a) => a[1]),
        why,
      ).toEqual([o.envelope.from]);
      const headers = [...(p?.to ?? []), ...(p?.cc ?? [])].map((a) => a[1]);
      expect(o.envelope.to, why).toEqual(uniqueCI([...headers, ...o.bccOnly]));
    });
  });
});
