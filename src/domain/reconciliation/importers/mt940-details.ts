/**
 * Turns the information of a :61: statement line and its :86: field(s) into the one readable
 * description a user sees, plus the end-to-end reference when the bank put it in :86:.
 *
 * :86: comes in three shapes:
 * - German/Dutch "GVC" subfields: `166?00GUTSCHRIFT?20EREF+…?21SVWZ+…?32NAME` (Triodos uses `>`
 *   instead of `?`). Lines are hard-wrapped at 65 characters, even inside a subfield code, so the
 *   lines are joined without a separator before the subfields are split.
 * - SWIFT-style codes: `/EREF/…/BENM//NAME/…/REMI/…` (Rabobank, ING, ABN AMRO SEPA), also
 *   hard-wrapped.
 * - Free text: a line shorter than 65 characters ended a phrase (joined with a space), a full
 *   65-character line was wrapped mid-text (joined without one).
 */

/** Everything a transaction's text can come from, in the order the file gave it. */
export interface Mt940TransactionText {
  /** Each :86: field that followed the :61: line, as its raw lines. */
  details: readonly (readonly string[])[];
  /** Text after the 16-character customer reference on the :61: line (a counterparty name at Rabobank). */
  trailingText: string;
  /** Supplementary details lines of :61:. */
  supplementary: string;
  /** Lines of a non-SWIFT :NS: field after the :61: line (used only when there is no :86:). */
  nonSwift: readonly string[] | null;
}

export interface Mt940Description {
  description: string;
  /** The SEPA end-to-end reference (EREF) found in :86:, null when absent or NOTPROVIDED. */
  endToEndReference: string | null;
  /** The customer reference (KREF) found in :86:, for a :61: line that points to it. */
  customerReference: string | null;
}

/** SWIFT's line width for :86: (6*65x): a line this long was wrapped, not ended. */
export const DETAILS_LINE_WIDTH = 65;

/**
 * True when :86: text (its lines joined without separators) would be read as structured
 * subfields rather than free text. The writer uses it to keep free text free.
 */
export function isStructuredDetails(joined: string): boolean {
  return GVC_START.test(joined) || CODE_START.test(joined);
}

/** Builds the description: trailing :61: text and the :86: text, else supplementary or :NS: text. */
export function describeTransaction(text: Mt940TransactionText): Mt940Description {
  let fromDetails = '';
  let endToEndReference: string | null = null;
  let customerReference: string | null = null;
  for (const lines of text.details) {
    const read = readDetails(lines);
    fromDetails = fromDetails === '' ? read.description : `${fromDetails} ${read.description}`;
    endToEndReference ??= read.endToEndReference;
    customerReference ??= read.customerReference;
  }
  const parts = [collapse(text.trailingText), collapse(fromDetails)];
  if (parts[0] === '' && parts[1] === '') {
    parts.push(collapse(text.supplementary));
    if (parts[2] === '' && text.nonSwift !== null) {
      parts.push(collapse(describeNonSwift(text.nonSwift)));
    }
  }
  return { description: joinDistinct(parts), endToEndReference, customerReference };
}

const GVC_START = /^\d{3}[?>]\d{2}/;
const CODE_START = /^\/[A-Z]{2,9}\//;
const GVC_SUBFIELD = { '?': /\?(\d{2})/g, '>': />(\d{2})/g } as const;
const SEPA_KEY = /(EREF|KREF|MREF|CRED|DEBT|COAM|OAMT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g;
const SWIFT_CODE =
  /\/(CDTRREFTP|CDTRREF|EREF|KREF|MARF|CSID|BENM|ORDP|NAME|ADDR|REMI|ISDT|IBAN|BIC|TRTP|PREF|RTRN|CNTP|ULTC|ULTD|ULTB|PURP|ISSR|OCMT|CHGS|EXCH|BUSP|ID|CD|CUR)\//g;

function readDetails(lines: readonly string[]): Mt940Description {
  const joined = lines.join('');
  if (GVC_START.test(joined)) {
    return readGvcSubfields(joined);
  }
  if (CODE_START.test(joined)) {
    return readSwiftCodes(joined);
  }
  return { description: joinFreeText(lines), endToEndReference: null, customerReference: null };
}

function joinFreeText(lines: readonly string[]): string {
  let out = '';
  let previousLength = -1;
  for (const line of lines) {
    if (line.trim() === '') {
      continue;
    }
    out += previousLength < 0 || previousLength >= DETAILS_LINE_WIDTH ? line : ` ${line}`;
    previousLength = line.length;
  }
  return out;
}

/**
 * `GVC?00posting text?10prima nota?20…?29 purpose?30bank?31account?32?33name?34…?60…?63 purpose`.
 * Purpose subfields hold 27 characters: a full one runs on into the next, a shorter one ended a
 * phrase. The purpose of a SEPA payment is keyed (EREF+, SVWZ+ …); its remittance text is SVWZ+,
 * and without SVWZ+ the identifier subfields (EREF+, KREF+ …) are left out of the description.
 */
function readGvcSubfields(joined: string): Mt940Description {
  const separator = joined[3] === '>' ? '>' : '?';
  const pattern = GVC_SUBFIELD[separator];
  pattern.lastIndex = 0;
  let postingText = '';
  let name = '';
  const purpose: string[] = [];
  let code = '';
  let start = 0;
  const take = (end: number): void => {
    const value = joined.slice(start, end);
    const n = Number(code);
    if (code === '00') {
      postingText += value;
    } else if ((n >= 20 && n <= 29) || (n >= 60 && n <= 63)) {
      purpose.push(value);
    } else if (code === '32' || code === '33') {
      name += value;
    }
  };
  for (let match = pattern.exec(joined); match !== null; match = pattern.exec(joined)) {
    take(match.index);
    code = match[1] ?? '';
    start = match.index + match[0].length;
  }
  take(joined.length);
  const remittance = remittanceText(joinPurpose(purpose)) ?? joinPurpose(withoutIdentifiers(purpose));
  return {
    description: joinDistinct([collapse(name) || collapse(postingText), collapse(remittance)]),
    endToEndReference: usableReference(identifierValue(purpose, 'EREF')),
    customerReference: usableReference(identifierValue(purpose, 'KREF')),
  };
}

const PURPOSE_WIDTH = 27;
const SEPA_IDENTIFIER = /^(EREF|KREF|MREF|CRED|DEBT)\+/;

function joinPurpose(parts: readonly string[]): string {
  let out = '';
  let previousLength = -1;
  for (const part of parts) {
    out += previousLength < 0 || previousLength >= PURPOSE_WIDTH ? part : ` ${part}`;
    previousLength = part.length;
  }
  return out;
}

/** Drops subfields that start with a SEPA identifier key, and the full-width subfields' run-ons. */
function withoutIdentifiers(parts: readonly string[]): string[] {
  const kept: string[] = [];
  let isDropping = false;
  let previousLength = 0;
  for (const part of parts) {
    const continues = previousLength >= PURPOSE_WIDTH;
    isDropping = SEPA_IDENTIFIER.test(part) || (isDropping && continues);
    if (!isDropping) {
      kept.push(part);
    }
    previousLength = part.length;
  }
  return kept.length > 0 ? kept : [...parts];
}

/** The SVWZ+ remittance text, up to the next SEPA key; null when the purpose has none. */
function remittanceText(purpose: string): string | null {
  const at = purpose.indexOf('SVWZ+');
  if (at < 0) {
    return null;
  }
  SEPA_KEY.lastIndex = at + 5;
  const next = SEPA_KEY.exec(purpose);
  return purpose.slice(at + 5, next === null ? purpose.length : next.index);
}

/** The value of an identifier subfield ("EREF+…") with the full-width subfields that run on from it. */
function identifierValue(parts: readonly string[], key: string): string | undefined {
  const index = parts.findIndex((part) => part.startsWith(`${key}+`));
  const first = parts[index];
  if (first === undefined) {
    return undefined;
  }
  let value = first.slice(key.length + 1);
  let previousLength = first.length;
  for (const part of parts.slice(index + 1)) {
    if (previousLength < PURPOSE_WIDTH || SEPA_IDENTIFIER.test(part) || part.startsWith('SVWZ+')) {
      break;
    }
    value += part;
    previousLength = part.length;
  }
  return value;
}

/** `/EREF/…/BENM//NAME/…/REMI/…`: the counterparty NAME and the remittance REMI make the description. */
function readSwiftCodes(joined: string): Mt940Description {
  const values = new Map<string, string>();
  SWIFT_CODE.lastIndex = 0;
  let code: string | null = null;
  let start = 0;
  for (let match = SWIFT_CODE.exec(joined); match !== null; match = SWIFT_CODE.exec(joined)) {
    if (code !== null && !values.has(code)) {
      values.set(code, joined.slice(start, match.index));
    }
    code = match[1] ?? null;
    start = match.index + match[0].length;
  }
  if (code !== null && !values.has(code)) {
    values.set(code, joined.slice(start));
  }
  // ING marks the remittance type: /REMI/USTD//free text/ or /REMI/STRD/CUR/reference/.
  const remi = (values.get('REMI') ?? '').replace(/^(USTD\/\/|STRD\/CUR\/)/, '');
  const remittance = collapse(remi) || collapse(values.get('CDTRREF') ?? '');
  // ING writes the counterparty as /CNTP/account/BIC/name/place/.
  const name = values.get('NAME') ?? values.get('CNTP')?.split('/')[2] ?? '';
  const described = joinDistinct([collapse(name), remittance]);
  const description = described || collapse(values.get('TRTP') ?? '') || collapse(joined);
  return { description, endToEndReference: usableReference(values.get('EREF')), customerReference: usableReference(values.get('KREF')) };
}

/** Non-SWIFT :NS: lines are `NNtext`; the lines that read as words are the useful ones. */
function describeNonSwift(lines: readonly string[]): string {
  return lines
    .map((line) => (/^\d{2}/.test(line) ? line.slice(2) : line).trim())
    .filter((text) => /\p{L}{3}/u.test(text))
    .join(' ');
}

function usableReference(text: string | undefined): string | null {
  const value = collapse(text ?? '');
  return value === '' || value === 'NOTPROVIDED' || value === 'NONREF' ? null : value;
}

function collapse(text: string): string {
  if (text === '') {
    return text;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function joinDistinct(parts: readonly string[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    if (part !== '' && !kept.some((k) => k.toLowerCase() === part.toLowerCase())) {
      kept.push(part);
    }
  }
  return kept.join(' / ');
}
