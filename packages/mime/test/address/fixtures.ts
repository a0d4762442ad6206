/**
 * Good and bad address forms with what the parser must answer. Expectations are written by hand
 * from RFC 5322 and the JavaMail/SES error texts, not produced by running the parser.
 */
import type { AddressProblemCode } from '../../src/address/index.js';

/** A domain of exactly `n` octets (n ≥ 3): labels of 63 letters separated by dots, the last one shorter. */
const domainOf = (n: number): string => {
  const labels: string[] = [];
  let left = n;
  while (left > 64) {
    labels.push('a'.repeat(63));
    left -= 64;
  }
  return [...labels, 'b'.repeat(left)].join('.');
};

export interface Fixture {
  /** Header value. */
  input: string;
  /** Addresses expected in `mailboxes`, in order. */
  addresses: string[];
  /** Display names expected, in order (omit to skip). */
  names?: string[];
  /** Problem codes expected, in order ([] = acceptable to SES). */
  codes: AddressProblemCode[];
  /** Substring the first problem's message must contain. */
  says?: string;
}

export const GOOD: Fixture[] = [
  { input: 'a@b.example', addresses: ['a@b.example'], names: [''], codes: [] },
  { input: 'Name <a@b.example>', addresses: ['a@b.example'], names: ['Name'], codes: [] },
  { input: '"Quoted, Name" <a@b.example>', addresses: ['a@b.example'], names: ['Quoted, Name'], codes: [] },
  {
    input: '"Esc \\"aped\\" \\\\ name" <a@b.example>',
    addresses: ['a@b.example'],
    names: ['Esc "aped" \\ name'],
    codes: [],
  },
  {
    input: '=?UTF-8?B?SsO8cmdlbg==?= <a@b>',
    addresses: ['a@b'],
    names: ['=?UTF-8?B?SsO8cmdlbg==?='],
    codes: [],
  },
  { input: 'Jürgen Groß <j@x.example>', addresses: ['j@x.example'], names: ['Jürgen Groß'], codes: [] },
  { input: '<a@b.example>', addresses: ['a@b.example'], names: [''], codes: [] },
  { input: '  < a@b.example >  ', addresses: ['a@b.example'], codes: [] },
  {
    input: 'John Q. Public <jqp@x.example>',
    addresses: ['jqp@x.example'],
    names: ['John Q. Public'],
    codes: [],
  },
  { input: 'John (the man) Doe <jd@x.example>', addresses: ['jd@x.example'], names: ['John Doe'], codes: [] },
  { input: '(comment first) a@b.example', addresses: ['a@b.example'], names: [''], codes: [] },
  { input: 'Name <a@b.example> (trailing comment)', addresses: ['a@b.example'], codes: [] },
  { input: 'a@b.example, c@d.example', addresses: ['a@b.example', 'c@d.example'], codes: [] },
  { input: 'a@b.example,,c@d.example,', addresses: ['a@b.example', 'c@d.example'], codes: [] },
  { input: ', , ,', addresses: [], codes: [] },
  { input: '', addresses: [], codes: [] },
  { input: '   ', addresses: [], codes: [] },
  { input: 'Team: a@b, c@d;', addresses: ['a@b', 'c@d'], codes: [] },
  { input: 'Team: a@b, c@d;, e@f.example', addresses: ['a@b', 'c@d', 'e@f.example'], codes: [] },
  { input: 'undisclosed-recipients:;', addresses: [], codes: [] },
  { input: 'Team:,a@b,,;', addresses: ['a@b'], codes: [] },
  { input: 'Name\r\n <a@b.example>,\r\n\tc@d.example', addresses: ['a@b.example', 'c@d.example'], codes: [] },
  { input: '"Folded\r\n name" <a@b.example>', addresses: ['a@b.example'], names: ['Folded name'], codes: [] },
  { input: 'first.last+tag@sub.b-c.example', addresses: ['first.last+tag@sub.b-c.example'], codes: [] },
  { input: "o'brien!#$%&*/=?^_`{|}~@x.example", addresses: ["o'brien!#$%&*/=?^_`{|}~@x.example"], codes: [] },
  { input: '"john doe"@x.example', addresses: ['"john doe"@x.example'], codes: [] },
  { input: '"a..b"@x.example', addresses: ['"a..b"@x.example'], codes: [] },
  { input: 'a@[192.0.2.1]', addresses: ['a@[192.0.2.1]'], codes: [] },
  { input: 'a@[IPv6:2001:db8::1]', addresses: ['a@[IPv6:2001:db8::1]'], codes: [] },
  { input: 'a@localhost', addresses: ['a@localhost'], codes: [] },
  { input: 'A@EXAMPLE.COM', addresses: ['A@EXAMPLE.COM'], codes: [] },
  { input: 'a@xn--bcher-kva.example', addresses: ['a@xn--bcher-kva.example'], codes: [] },
  // RFC 1035 §2.3.4 at the edge: a label of 63 octets, a name of 253.
  { input: `a@${'l'.repeat(63)}.example`, addresses: [`a@${'l'.repeat(63)}.example`], codes: [] },
  { input: `a@${domainOf(253)}`, addresses: [`a@${domainOf(253)}`], codes: [] },
  { input: 'a@[ipv6:2001:db8::1]', addresses: ['a@[ipv6:2001:db8::1]'], codes: [] },
  { input: 'a@[IPV6:::1]', addresses: ['a@[IPV6:::1]'], codes: [] },
  { input: '"a\\"b"@c.example', addresses: ['"a\\"b"@c.example'], codes: [] },
  {
    input: '"a@evil.example" <b@good.example>',
    addresses: ['b@good.example'],
    names: ['a@evil.example'],
    codes: [],
  },
  { input: '((nested (comments)) ok) a@b.example', addresses: ['a@b.example'], codes: [] },
  { input: 'a@b.example\r\n', addresses: ['a@b.example'], codes: [] },
  // U+0080–U+009F are text, not controls: a latin1-decoded UTF-8 name ('€' is E2 82 AC) stays a name.
  {
    input: 'Price \u00e2\u0082\u00ac <a@b.example>',
    addresses: ['a@b.example'],
    names: ['Price \u00e2\u0082\u00ac'],
    codes: [],
  },
  // Lexer edges (RFC 5322 §3.2): a quoted-pair in a comment neither closes nor opens one; a fold is CRLF or a
  // lone LF (tolerated) followed by WSP, or a line break that ends the value; escapes in quoted strings.
  { input: '(a\\)b) x@y.example', addresses: ['x@y.example'], codes: [] },
  { input: '(a\\(b) x@y.example', addresses: ['x@y.example'], codes: [] },
  { input: '(a\r\n b) x@y.example', addresses: ['x@y.example'], codes: [] },
  { input: '(a\n b) x@y.example', addresses: ['x@y.example'], codes: [] },
  { input: 'a@b.example\n', addresses: ['a@b.example'], codes: [] },
  // A fold is whitespace between tokens: it separates the words of a name like a space.
  { input: 'John\r\n Doe <jd@x.example>', addresses: ['jd@x.example'], names: ['John Doe'], codes: [] },
  { input: 'a@b.example,\n c@d.example', addresses: ['a@b.example', 'c@d.example'], codes: [] },
  { input: '"a\n b" <x@y.example>', addresses: ['x@y.example'], names: ['a b'], codes: [] },
  { input: '"a\\ b"@x.example', addresses: ['"a\\ b"@x.example'], codes: [] },
  { input: '"x\\"y" <a@b.example>', addresses: ['a@b.example'], names: ['x"y'], codes: [] },
  { input: '"x\\\\" <a@b.example>', addresses: ['a@b.example'], names: ['x\\'], codes: [] },
  // HTAB is whitespace, not a control (RFC 5322 §3.2.2 FWS), in quoted strings and comments alike.
  { input: '"a\tb"@c.example', addresses: ['"a\tb"@c.example'], codes: [] },
  { input: '"Na\tme" <a@b.example>', addresses: ['a@b.example'], names: ['Na\tme'], codes: [] },
  { input: '(a\tb) a@b.example', addresses: ['a@b.example'], names: [''], codes: [] },
];

export const BAD: Fixture[] = [
  // Missing parts
  {
    input: 'bob@',
    addresses: [],
    codes: ['address.missing-domain'],
    says: "Address 'bob@': Missing final '@domain'.",
  },
  { input: 'bob', addresses: [], codes: ['address.missing-domain'], says: "Missing final '@domain'" },
  { input: 'Bob <bob>', addresses: [], codes: ['address.missing-domain'] },
  { input: 'Bob <bob@>', addresses: [], codes: ['address.missing-domain'] },
  { input: '@b.example', addresses: [], codes: ['address.missing-local'], says: 'Missing local name' },
  { input: 'Bob <@b.example>', addresses: [], codes: ['address.missing-local'] },
  {
    input: '""@b.example',
    addresses: [],
    codes: ['address.missing-local'],
    says: 'Missing local name: the quoted local part is empty.',
  },
  {
    input: 'a@b.example, bob, c@d.example',
    addresses: ['a@b.example', 'c@d.example'],
    codes: ['address.missing-domain'],
  },
  // Whitespace and controls
  {
    input: 'a b@c.example',
    addresses: [],
    codes: ['address.whitespace-or-control'],
    says: 'Local address contains control or whitespace',
  },
  { input: 'John Doe john@x.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a @c.example', addresses: [], codes: ['address.whitespace-or-control'], says: 'Local address' },
  {
    input: 'a@ c.example',
    addresses: [],
    codes: ['address.whitespace-or-control'],
    says: 'Domain contains control or whitespace',
  },
  { input: 'a@b .example', addresses: [], codes: ['address.whitespace-or-control'], says: 'Domain contains' },
  { input: 'a@b c.example', addresses: [], codes: ['address.whitespace-or-control'] },
  // … and is whitespace inside an addr-spec too, never dropped to join the parts.
  { input: 'a\r\n @b.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@\r\n b.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a . b@c.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"a\tb\u0001"@c.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@b.example\r\nBcc: victim@x.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'Name\n<a@b.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'Na\u0000me <a@b.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"Na\rme" <a@b.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  {
    input: 'a@[1.2.3.4 ]',
    addresses: [],
    codes: ['address.whitespace-or-control'],
    says: 'Domain contains control or whitespace.',
  },
  // One control character alone (no HTAB beside it), and DEL, in each place that can hold one.
  { input: '"a\u0001b"@c.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"a\u007fb"@c.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"Na\u0001me" <a@b.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"Na\u007fme" <a@b.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '(a\u0001b) a@b.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '(a\u007fb) a@b.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a\u007fb@c.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@[1.2.3.4\u0001]', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@[1.2.3.4\u007f]', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@[1.2.3.4\t]', addresses: [], codes: ['address.whitespace-or-control'] },
  // Line breaks that are no fold, and escaped controls, in comments, quoted strings and literals.
  { input: '(a\\\u0001) x@y.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '(a\\\r) x@y.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '(a\\\n) x@y.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '(a\r\nb) x@y.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '(a\nb) x@y.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '(a\rb) x@y.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"a\\\u0001b" <x@y.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"a\\\rb" <x@y.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"a\\\nb" <x@y.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"a\nb" <x@y.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: '"a\rb" <x@y.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@b.example\r', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@b.example\n\n', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@b.example\r\n\r\n', addresses: [], codes: ['address.whitespace-or-control'] },
  {
    input: 'a@b.example,\nc@d.example',
    addresses: ['a@b.example'],
    codes: ['address.whitespace-or-control'],
  },
  { input: 'a@[1.2.3.4\\]', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@[1.2.3.4\r\n]', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@[1.2.3.4\r\n ]', addresses: [], codes: ['address.whitespace-or-control'] },
  // A backslash at the very end escapes nothing: the comment or quote stays open.
  { input: '(abc\\', addresses: [], codes: ['address.invalid'], says: 'unterminated comment' },
  { input: '"abc\\', addresses: [], codes: ['address.invalid'], says: 'unterminated quoted string' },
  { input: 'a@[1.2[3]', addresses: [], codes: ['address.invalid'], says: 'must be the whole domain' },
  // Non-ASCII: returned in mailboxes so callers can report and fix them
  {
    input: 'ü@b.example',
    addresses: ['ü@b.example'],
    codes: ['address.local-non-ascii'],
    says: 'Local address contains non-ASCII characters; SES has no SMTPUTF8 support',
  },
  // U+0080, the first non-ASCII code point, is text (RFC 6532 UTF8-non-ascii), not a control.
  { input: 'a\u0080@b.example', addresses: ['a\u0080@b.example'], codes: ['address.local-non-ascii'] },
  { input: 'a\u0082@b.example', addresses: ['a\u0082@b.example'], codes: ['address.local-non-ascii'] },
  { input: 'a@b\u0082.example', addresses: ['a@b\u0082.example'], codes: ['address.domain-non-ascii'] },
  { input: '"jürgen"@b.example', addresses: ['"jürgen"@b.example'], codes: ['address.local-non-ascii'] },
  {
    input: 'a@bücher.example',
    addresses: ['a@bücher.example'],
    codes: ['address.domain-non-ascii'],
    says: 'Domain contains illegal character',
  },
  { input: 'Ann <a@例え.テスト>', addresses: ['a@例え.テスト'], codes: ['address.domain-non-ascii'] },
  {
    input: 'ü@bü.example',
    addresses: ['ü@bü.example'],
    codes: ['address.local-non-ascii', 'address.domain-non-ascii'],
  },
  // Illegal structure
  {
    input: 'a..b@x.example',
    addresses: [],
    codes: ['address.invalid'],
    says: 'Illegal address: the local part contains two dots in a row.',
  },
  {
    input: '.a@x.example',
    addresses: [],
    codes: ['address.invalid'],
    says: 'the local part starts with a dot.',
  },
  {
    input: 'a.@x.example',
    addresses: [],
    codes: ['address.invalid'],
    says: 'the local part ends with a dot.',
  },
  { input: 'a@.x.example', addresses: [], codes: ['address.invalid'], says: 'Domain starts with dot' },
  { input: 'a@x.example.', addresses: [], codes: ['address.invalid'], says: 'Domain ends with dot' },
  { input: 'a@x..example', addresses: [], codes: ['address.invalid'], says: 'Domain contains dot-dot' },
  { input: 'a."b"@x.example', addresses: [], codes: ['address.invalid'], says: 'Quote not at start' },
  { input: '"a".b@x.example', addresses: [], codes: ['address.invalid'], says: 'Quote not at end' },
  { input: 'Name <a@b.example', addresses: [], codes: ['address.invalid'], says: "Missing '>'" },
  { input: 'Name a@b.example>', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@b.example>', addresses: [], codes: ['address.invalid'] },
  { input: '<>', addresses: [], codes: ['address.invalid'] },
  {
    input: '"unterminated <a@b.example>',
    addresses: [],
    codes: ['address.invalid'],
    says: 'unterminated quoted string',
  },
  {
    input: '(unterminated a@b.example',
    addresses: [],
    codes: ['address.invalid'],
    says: 'unterminated comment',
  },
  { input: 'a@b.example)', addresses: [], codes: ['address.invalid'] },
  {
    input: 'Team: a@b, c@d',
    addresses: ['a@b', 'c@d'],
    codes: ['address.invalid'],
    says: "missing its closing ';'",
  },
  {
    input: 'A: B: c@d;;',
    addresses: [],
    codes: ['address.invalid', 'address.invalid'],
    says: 'groups cannot be nested',
  },
  { input: 'x@y.example;', addresses: [], codes: ['address.invalid'] },
  { input: 'a@[not an ip]', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@[256.1.1.1]', addresses: ['a@[256.1.1.1]'], codes: ['address.invalid'] },
  { input: 'a@x.[1.2.3.4]', addresses: [], codes: ['address.invalid'] },
  { input: 'a@[1.2.3.4', addresses: [], codes: ['address.invalid'], says: 'unterminated domain literal' },
  { input: 'a@[1.2.3.4]x', addresses: [], codes: ['address.invalid'] },
  // Domains SES refuses (JavaMail: "Domain contains illegal character")
  {
    input: 'a@my_host.example',
    addresses: ['a@my_host.example'],
    codes: ['address.invalid'],
    says: 'Domain contains illegal character',
  },
  { input: 'a@b!c.example', addresses: ['a@b!c.example'], codes: ['address.invalid'] },
  // atext above 'z' is no letter either (RFC 1035 §2.3.1: letters, digits, hyphen).
  { input: 'a@b{c.example', addresses: ['a@b{c.example'], codes: ['address.invalid'], says: "'{'" },
  { input: 'a@b~c.example', addresses: ['a@b~c.example'], codes: ['address.invalid'], says: "'~'" },
  { input: 'a@-b.example', addresses: ['a@-b.example'], codes: ['address.invalid'] },
  { input: 'a@b-.example', addresses: ['a@b-.example'], codes: ['address.invalid'] },
  {
    input: `a@${'l'.repeat(64)}.example`,
    addresses: [`a@${'l'.repeat(64)}.example`],
    codes: ['address.invalid'],
  },
  {
    input: `a@x.${'l'.repeat(64)}`,
    addresses: [`a@x.${'l'.repeat(64)}`],
    codes: ['address.invalid'],
    says: `the domain label '${'l'.repeat(20)}…' is longer than 63 characters`,
  },
  {
    input: `a@${domainOf(254)}`,
    addresses: [`a@${domainOf(254)}`],
    codes: ['address.invalid'],
    says: 'the domain is longer than 253 characters',
  },
  { input: 'a@x.-b.example', addresses: ['a@x.-b.example'], codes: ['address.invalid'], says: "label '-b'" },
  { input: 'a@-a.-b', addresses: ['a@-a.-b'], codes: ['address.invalid'], says: "label '-a' starts" },
  { input: 'a@b!c#d.example', addresses: ['a@b!c#d.example'], codes: ['address.invalid'], says: "'!'" },
  // A fold inside a quoted local part: the address would carry the line break into the envelope.
  {
    input: '"a\r\n b"@x.example',
    addresses: [],
    codes: ['address.whitespace-or-control'],
    says: 'Local address contains control or whitespace.',
  },
  { input: '"a\n b"@x.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@x.b-', addresses: ['a@x.b-'], codes: ['address.invalid'], says: "label 'b-' starts or ends" },
  { input: '"a>b"@c.example', addresses: [], codes: ['address.ambiguous'], says: 'GHSA-mm7p-fcc7-pg87' },
  {
    input: `a@${'l'.repeat(64)}.${'m'.repeat(64)}.example`,
    addresses: [`a@${'l'.repeat(64)}.${'m'.repeat(64)}.example`],
    codes: ['address.invalid'],
    says: `'${'l'.repeat(20)}…'`,
  },
  { input: '"a\\<b"@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: '"a\\>b"@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: '"a\\,b"@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: '"a\\\u0001b"@c.example', addresses: [], codes: ['address.whitespace-or-control'] },
  { input: 'a@[IPv6:1.2.3.4]', addresses: ['a@[IPv6:1.2.3.4]'], codes: ['address.invalid'] },
  { input: 'a@[2001:db8::1]', addresses: ['a@[2001:db8::1]'], codes: ['address.invalid'], says: "'IPv6:'" },
  {
    input: 'a@[1.2.3.ü]',
    addresses: ['a@[1.2.3.ü]'],
    codes: ['address.domain-non-ascii'],
    says: 'Domain contains illegal character: the domain literal is not ASCII.',
  },
  {
    input: `a@${'abcdefghi.'.repeat(26)}example`,
    addresses: [`a@${'abcdefghi.'.repeat(26)}example`],
    codes: ['address.invalid'],
  },
  // Ambiguous forms
  { input: '"a@b"@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: '"a<b"@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: '"a,b"@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: '"a\\@b"@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a@b.example(comment)', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a@b.example (Bob), c@d.example', addresses: ['c@d.example'], codes: ['address.ambiguous'] },
  { input: 'a(x)@b.example', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a(x).b@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: 'Name <a.(x)b@c.example>', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a@(x)b.example', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a@b(x).example', addresses: [], codes: ['address.ambiguous'] },
  { input: 'Name <a@b.example(x)>', addresses: [], codes: ['address.ambiguous'] },
  { input: 'Name <(x)a@b.example>', addresses: [], codes: ['address.ambiguous'] },
  { input: '<@x.example:a@b.example>', addresses: [], codes: ['address.ambiguous'], says: 'source route' },
  { input: '<@x.example,@y.example:a@b.example>', addresses: [], codes: ['address.ambiguous'] },
  { input: 'Name <a@b.example> <c@d.example>', addresses: [], codes: ['address.ambiguous'] },
  { input: 'Name <a@b.example> c@d.example', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a@evil.example <b@good.example>', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a@b@c.example', addresses: [], codes: ['address.ambiguous'] },
  { input: 'Name <a@b@c.example>', addresses: [], codes: ['address.ambiguous'] },
  { input: 'a@b.example; c@d.example', addresses: [], codes: ['address.ambiguous'] },
];
