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
  // Named loads (one per hook and visitor): cheaper than `v[hook]` over visitors of many shapes.
  const lists: Record<Hook, Fn[]> = {
    headerField: [],
    headerSyntax: [],
    headersEnd: [],
    body: [],
    partEnd: [],
    structure: [],
    lineProblem: [],
    end: [],
  };
  for (const v of visitors) {
    if (v.headerField !== undefined) lists.headerField.push(v.headerField as Fn);
    if (v.headerSyntax !== undefined) lists.headerSyntax.push(v.headerSyntax as Fn);
    if (v.headersEnd !== undefined) lists.headersEnd.push(v.headersEnd as Fn);
    if (v.body !== undefined) lists.body.push(v.body as Fn);
    if (v.partEnd !== undefined) lists.partEnd.push(v.partEnd as Fn);
    if (v.structure !== undefined) lists.structure.push(v.structure as Fn);
    if (v.lineProblem !== undefined) lists.lineProblem.push(v.lineProblem as Fn);
    if (v.end !== undefined) lists.end.push(v.end as Fn);
  }
  const out: Partial<Record<Hook, Fn>> = {};
  for (const hook of HOOKS) {
    const fns = lists[hook];
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
