/** Compile-time type equality, for checks that fail `tsc` when two declarations drift apart. */

/**
 * `true` when `A` and `B` are the same type, else `false`. Stricter than mutual assignability: a missing or extra
 * optional property, `readonly`, or `any` in place of a type all count as differences.
 */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `type _ = Assert<Equals<A, B>>`. */
export type Assert<T extends true> = T;
