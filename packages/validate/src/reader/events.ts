import type { DecodedParams, ParsedParamList } from '@rawmail/mime';

/** One header field, complete with its continuation lines. */
export interface HeaderField {
  /** Name as written (trailing whitespace before the colon removed). */
  name: string;
  /** Lower-cased name. */
  lowerName: string;
  /**
   * Value after the colon, unfolded (line breaks of continuation lines removed, their whitespace kept),
   * as a latin1 string: one character per byte, so bytes above 0x7F show as U+0080..U+00FF.
   */
  value: string;
  /** 1-based line of the field's first line. */
  line: number;
  /** True when one of the field's lines ends in a bare LF. */
  bareLf: boolean;
}

/**
 * One MIME entity: the whole message (path ''), a body part (path `1`, `1.2`, …), or a message embedded in a
 * message/rfc822 part (`embedded`).
 */
export interface PartInfo {
  /** '' for the message itself, else the IMAP-style part number such as `1.2`. */
  path: string;
  /** Number of enclosing multiparts and embedded messages. */
  depth: number;
  /** Line of the first header line (or where the header section would start). */
  line: number;
  /** Whether the first line of the header section ended in CRLF (decides if a lone LF is an injection). */
  crlf: boolean;
  /**
   * The part's MIME header fields (`Content-*` and `MIME-Version`), in order, only until `headersEnd` has been
   * delivered (then released to bound memory). Every field, these included, is delivered by `headerField`.
   */
  fields: HeaderField[];
  /** Parsed Content-Type (first occurrence; parameters as offsets), undefined when absent. */
  contentType: ParsedParamList | undefined;
  /** RFC 2231-decoded Content-Type parameters. */
  contentTypeParams: DecodedParams | undefined;
  /** Parsed Content-Disposition (first occurrence), undefined when absent. */
  contentDisposition: ParsedParamList | undefined;
  contentDispositionParams: DecodedParams | undefined;
  /** Lower-cased media type: the declared one, or the RFC 2045/2046 default. */
  mediaType: string;
  /** Lower-cased, trimmed Content-Transfer-Encoding, '' when absent. */
  encoding: string;
  /** True when this part is read as a multipart (has a usable boundary and depth allows). */
  multipart: boolean;
  /** The boundary when the part is a multipart with one. */
  boundary: string | undefined;
  /**
   * True for a message read from the body of a message/rfc822 part: its header section and (single-part) body.
   * It carries that part's path; its own parts are numbered under it (`2.1`, `2.2`, …).
   */
  embedded: boolean;
}

/** Structural problems the reader itself finds. */
export type HeaderSyntaxProblem =
  | { kind: 'malformed'; line: number; text: string; reason: string }
  | { kind: 'empty-name'; line: number; text: string }
  | { kind: 'section-too-large'; line: number; limit: number };

export type StructureProblem =
  | { kind: 'boundary-missing'; part: PartInfo }
  | { kind: 'boundary-not-found'; part: PartInfo; seenDelimiter: boolean; line: number }
  | { kind: 'boundary-reused'; part: PartInfo; boundary: string; enclosing: PartInfo; prefix: boolean }
  | { kind: 'depth-exceeded'; part: PartInfo; limit: number };

export type LineProblem =
  | { kind: 'too-long'; line: number; length: number }
  | { kind: 'bare-cr' | 'bare-lf'; line: number };

/** Where body bytes belong: a leaf's content, or a multipart's preamble or epilogue. */
export type BodyKind = 'leaf' | 'preamble' | 'epilogue';

/** Totals delivered at the end. */
export interface MessageStats {
  size: number;
  lines: number;
  parts: number;
  headerFields: number;
  /** Lines that end in CRLF. */
  crlfLines: number;
  /** Lines that end in a bare LF. */
  bareLfLines: number;
  /** Most bytes of a partial line the reader ever held back (memory bound: header line cap or 1 KB in bodies). */
  maxHeldBytes: number;
  /** Work counter: lines, header bytes scanned, delimiter comparisons, encoded-word and parameter scanning. */
  work: number;
  /** True when reading stopped before the end of the message (a stream past the profile's size cap). */
  truncated: boolean;
}

/**
 * What the reader emits, in message order. Rule family visitors implement the hooks they need.
 * Body bytes are delivered as they arrive (never a whole part at once); `crlfBytes` counts the CR and LF
 * bytes inside `bytes`. `text`, when given, is `bytes` as a latin1 string (the reader had it at hand).
 */
export interface ReaderEvents {
  headerField?(field: HeaderField, part: PartInfo): void;
  headerSyntax?(problem: HeaderSyntaxProblem, part: PartInfo): void;
  headersEnd?(part: PartInfo): void;
  body?(
    part: PartInfo,
    kind: BodyKind,
    bytes: Buffer,
    firstLine: number,
    crlfBytes: number,
    text: string | undefined,
  ): void;
  partEnd?(part: PartInfo): void;
  structure?(problem: StructureProblem): void;
  lineProblem?(problem: LineProblem, part: PartInfo): void;
  /**
   * Every line that is not body, exactly as read (line ending included): header-section lines (fields,
   * continuations, the blank line that ends the section) with `kind` 'header', and delimiter lines with `kind`
   * 'delimiter'. Delivered after the line was processed (so after the events it caused). Together with `body`
   * this covers every byte of the message in order, except the lost middle of a header line longer than the
   * header-section limit; the repair pass copies untouched bytes through with it. `part` is the part whose
   * header section the line belongs to, or the multipart whose delimiter it is.
   */
  rawLine?(bytes: Buffer, kind: 'header' | 'delimiter', part: PartInfo): void;
  end?(stats: MessageStats): void;
}
