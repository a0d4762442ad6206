import type { FamilyVisitor } from '../families/family.js';
import type { ReaderEvents } from './events.js';

type Hook = keyof ReaderEvents;
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
 * Combines family visitors into one event sink; each hook calls only the visitors that implement it, with
 * fixed arity (no rest-argument arrays on the hot path).
 */
export function combineVisitors(visitors: readonly FamilyVisitor[]): ReaderEvents {
  const out: Record<string, unknown> = {};
  for (const hook of HOOKS) {
    const owners = visitors.filter((v) => v[hook] !== undefined);
    if (owners.length === 0) continue;
    if (owners.length === 1) {
      const v = owners[0] as Record<string, (...a: unknown[]) => void>;
      out[hook] = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => v[hook]?.(a, b, c, d, e);
      continue;
    }
    const list = owners as unknown as Record<string, (...a: unknown[]) => void>[];
    out[hook] = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => {
      for (let i = 0; i < list.length; i++) list[i]?.[hook]?.(a, b, c, d, e);
    };
  }
  return out as ReaderEvents;
}
