/**
 * The shared RFC 5322 address parser, re-exported from its home in `@rawmail/mime/address` so that existing
 * imports of `@rawmail/validate/address` keep working. It is the same module, not a copy.
 *
 * @packageDocumentation
 */
export * from '@rawmail/mime/address';
