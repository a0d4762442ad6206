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

// Named loads (one per hook and visitor): cheaper than `v[hook]` over visitors of many shapes.
const HEADER_FIELD = (v: FamilyVisitor) => v.headerField;
const HEADER_SYNTAX = (v: FamilyVisitor) => v.headerSyntax;
const HEADERS_END = (v: FamilyVisitor) => v.headersEnd;
const BODY = (v: FamilyVisitor) => v.body;
const PART_END = (v: FamilyVisitor) => v.partEnd;
const STRUCTURE = (v: FamilyVisitor) => v.structure;
const LINE_PROBLEM = (v: FamilyVisitor) => v.lineProblem;
const END = (v: FamilyVisitor) => v.end;

/**
 * The fan-out of the visitors' hooks. One class, so every call builds an object of the same shape with eight
 * arrays (no per-hook closures, no keys added one by one); each hook calls the visitors that implement it,
 * through functions taken out once (visitor methods close over their state and do not use `this`), with
 * fixed arity. A hook no visitor implements is an empty loop.
 */
class FanOut implements ReaderEvents {
  readonly hf: Fn[];
  readonly hs: Fn[];
  readonly he: Fn[];
  readonly bd: Fn[];
  readonly pe: Fn[];
  readonly st: Fn[];
  readonly lp: Fn[];
  readonly en: Fn[];

  constructor(visitors: readonly FamilyVisitor[]) {
    this.hf = hooks(visitors, HEADER_FIELD);
    this.hs = hooks(visitors, HEADER_SYNTAX);
    this.he = hooks(visitors, HEADERS_END);
    this.bd = hooks(visitors, BODY);
    this.pe = hooks(visitors, PART_END);
    this.st = hooks(visitors, STRUCTURE);
    this.lp = hooks(visitors, LINE_PROBLEM);
    this.en = hooks(visitors, END);
  }

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

/** The implementations of one hook, in visitor order, in an array of exactly their number (no spare room). */
function hooks(visitors: readonly FamilyVisitor[], hook: (v: FamilyVisitor) => unknown): Fn[] {
  let n = 0;
  for (let i = 0; i < visitors.length; i++) if (hook(visitors[i] as FamilyVisitor) !== undefined) n++;
  const fns = new Array<Fn>(n);
  n = 0;
  for (let i = 0; i < visitors.length; i++) {
    const fn = hook(visitors[i] as FamilyVisitor);
    if (fn !== undefined) fns[n++] = fn as Fn;
  }
  return fns;
}

/**
 * Combines family visitors (and an `extra` one, called last) into one event sink; each hook calls the visitors
 * that implement it, in order.
 */
export function combineVisitors(visitors: readonly FamilyVisitor[], extra?: FamilyVisitor): ReaderEvents {
  return new FanOut(extra === undefined ? visitors : [...visitors, extra]);
}
