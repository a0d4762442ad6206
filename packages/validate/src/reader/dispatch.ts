import type { FamilyVisitor } from '../families/family.js';
import type { ReaderEvents } from './events.js';

const HOOKS = [
  'headerField',
  'headerSyntax',
  'headersEnd',
  'body',
  'partEnd',
  'structure',
  'lineProblem',
  'end',
] as const;

/** Combines family visitors into one event sink; each hook calls only the visitors that implement it. */
export function combineVisitors(visitors: readonly FamilyVisitor[]): ReaderEvents {
  const out: ReaderEvents = {};
  for (const hook of HOOKS) {
    const fns = visitors
      .map((v) => v[hook]?.bind(v) as ((...args: unknown[]) => void) | undefined)
      .filter((f): f is (...args: unknown[]) => void => f !== undefined);
    if (fns.length === 0) continue;
    const only = fns[0] as (...args: unknown[]) => void;
    (out as Record<string, unknown>)[hook] =
      fns.length === 1
        ? only
        : (...args: unknown[]) => {
            for (const f of fns) f(...args);
          };
  }
  return out;
}
