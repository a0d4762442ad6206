import type { FamilyVisitor } from '../families/family.js';
import type { ReaderEvents } from './events.js';

type Hook = keyof ReaderEvents;
type Fn = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown) => void;
const HOOKS: readonly Hook[] = [
  'headerField',
  'headerSyntax',
  'headersEnd',
  'body',
  'partEnd',
  'structure',
  'lineProblem',
  'end',
];

/**
 * Combines family visitors into one event sink. Each hook calls only the visitors that implement it, through
 * functions taken out once here (visitor methods close over their state and do not use `this`), with fixed
 * arity: no dynamic property lookups or rest-argument arrays on the hot path.
 */
export function combineVisitors(visitors: readonly FamilyVisitor[]): ReaderEvents {
  const out: Partial<Record<Hook, Fn>> = {};
  for (const hook of HOOKS) {
    const fns: Fn[] = [];
    for (const v of visitors) {
      const fn = v[hook] as Fn | undefined;
      if (fn !== undefined) fns.push(fn);
    }
    if (fns.length === 0) continue;
    if (fns.length === 1) {
      out[hook] = fns[0] as Fn;
      continue;
    }
    const n = fns.length;
    out[hook] = (a, b, c, d, e, f) => {
      for (let i = 0; i < n; i++) (fns[i] as Fn)(a, b, c, d, e, f);
    };
  }
  return out as ReaderEvents;
}
