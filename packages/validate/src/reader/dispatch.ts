import type { FamilyVisitor } from '../families/family.js';
import type {
  BodyKind,
  HeaderField,
  HeaderSyntaxProblem,
  LineProblem,
  MessageStats,
  PartInfo,
  ReaderEvents,
  StructureProblem,
} from './events.js';

type Fn = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown) => void;

/**
 * The fan-out of the visitors' hooks. One class, so every call builds an object of the same shape with eight
 * arrays (no per-hook closures, no keys added one by one); each hook calls the visitors that implement it,
 * through functions taken out once (visitor methods close over their state and do not use `this`), with
 * fixed arity. A hook no visitor implements is an empty loop.
 */
class FanOut implements ReaderEvents {
  readonly hf: Fn[] = [];
  readonly hs: Fn[] = [];
  readonly he: Fn[] = [];
  readonly bd: Fn[] = [];
  readonly pe: Fn[] = [];
  readonly st: Fn[] = [];
  readonly lp: Fn[] = [];
  readonly en: Fn[] = [];

  headerField(field: HeaderField, part: PartInfo): void {
    const fns = this.hf;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(field, part, undefined, undefined, undefined, undefined);
    }
  }
  headerSyntax(problem: HeaderSyntaxProblem, part: PartInfo): void {
    const fns = this.hs;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(problem, part, undefined, undefined, undefined, undefined);
    }
  }
  headersEnd(part: PartInfo): void {
    const fns = this.he;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(part, undefined, undefined, undefined, undefined, undefined);
    }
  }
  body(
    part: PartInfo,
    kind: BodyKind,
    bytes: Buffer,
    firstLine: number,
    crlfBytes: number,
    text: string | undefined,
  ): void {
    const fns = this.bd;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(part, kind, bytes, firstLine, crlfBytes, text);
    }
  }
  partEnd(part: PartInfo): void {
    const fns = this.pe;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(part, undefined, undefined, undefined, undefined, undefined);
    }
  }
  structure(problem: StructureProblem): void {
    const fns = this.st;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(problem, undefined, undefined, undefined, undefined, undefined);
    }
  }
  lineProblem(problem: LineProblem, part: PartInfo): void {
    const fns = this.lp;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(problem, part, undefined, undefined, undefined, undefined);
    }
  }
  end(stats: MessageStats): void {
    const fns = this.en;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i] as Fn;
      f(stats, undefined, undefined, undefined, undefined, undefined);
    }
  }
}

/** Combines family visitors into one event sink; each hook calls the visitors that implement it, in order. */
export function combineVisitors(visitors: readonly FamilyVisitor[]): ReaderEvents {
  const out = new FanOut();
  for (const v of visitors) {
    // Named loads (one per hook and visitor): cheaper than `v[hook]` over visitors of many shapes.
    if (v.headerField !== undefined) out.hf.push(v.headerField as Fn);
    if (v.headerSyntax !== undefined) out.hs.push(v.headerSyntax as Fn);
    if (v.headersEnd !== undefined) out.he.push(v.headersEnd as Fn);
    if (v.body !== undefined) out.bd.push(v.body as Fn);
    if (v.partEnd !== undefined) out.pe.push(v.partEnd as Fn);
    if (v.structure !== undefined) out.st.push(v.structure as Fn);
    if (v.lineProblem !== undefined) out.lp.push(v.lineProblem as Fn);
    if (v.end !== undefined) out.en.push(v.end as Fn);
  }
  return out;
}
