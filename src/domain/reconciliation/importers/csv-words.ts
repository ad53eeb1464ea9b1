/**
 * The words banks and accounting systems put in CSV headers and summary rows, in the languages of
 * the banks we see (English, Dutch, German, French, Czech, Hungarian, Spanish, Italian …).
 *
 * Patterns are written as the bank writes them, with '*' for "anything". Each letter outside ASCII
 * matches any one character: a Czech file in cp1250 read as windows-1252 turns "Částka" into
 * "Èástka", and the pattern for "částka" still finds it.
 */

/** Compiled header patterns; `matchIndex` returns the position of the first that matches. */
export interface WordList {
  readonly patterns: readonly RegExp[];
}

export function words(...patterns: string[]): WordList {
  return { patterns: patterns.map(compileWord) };
}

/** The index of the first pattern matching the (normalised) header, or -1. */
export function matchIndex(header: string, list: WordList): number {
  return list.patterns.findIndex((pattern) => pattern.test(header));
}

export function matches(header: string, list: WordList): boolean {
  return matchIndex(header, list) !== -1;
}

export const HEADER_WORDS = {
  /** Booking/transaction dates, best first. */
  date: words(
    '*buchungstag*',
    '*buchungsdatum*',
    'booking date',
    'posting date',
    'posted date',
    'date posted',
    'transaction date',
    'trans. date',
    'txn date',
    'date processed',
    'datum zaúčtování',
    'datum verrichting',
    'datum provedení',
    'datum',
    'date',
    'dátum',
    'tranzakció dátuma',
    'könyvelés dátuma',
    'boekdatum',
    'boekingsdatum',
    'transactiedatum',
    "date d'opération",
    'date opération',
    'date comptable',
    'fecha*',
    'data*',
    'created',
    'completed date',
    'started date',
    '*date*',
    '*datum*',
  ),
  /** Value or settlement dates: used only when no booking date is there. */
  secondaryDate: words('*valuta*', '*value date*', '*wertstellung*', '*valutadatum*', '*rentedatum*', '*verrekening*', '*értéknap*', '*settlement*', '*valeur*', '*splatnost*'),
  amount: words('*amount*', '*betrag*', '*bedrag*', '*montant*', '*importe*', '*importo*', '*kwota*', '*částka*', '*összeg*', '*umsatz*', '*beløb*', '*belopp*', 'summa', 'sum', 'value'),
  /** Amount-like columns that are not the statement amount (fees, foreign-currency originals, tax). */
  secondaryAmount: words(
    '*local*',
    '*fremd*',
    '*foreign*',
    '*original*',
    '*oorspr*',
    '*původní*',
    '*orig.*',
    '*kosten*',
    '*fee*',
    '*poplatek*',
    '*gebühr*',
    '*gebuehr*',
    '*commission*',
    '*tax*',
    '*gst*',
    '*vat*',
    '*gross*',
  ),
  debit: words(
    '*debit*',
    '*debet*',
    'withdrawal*',
    '*withdrawals*',
    'paid out',
    'money out',
    'outflow',
    'out',
    'soll',
    'af',
    'uitgaven',
    'ausgang',
    'ausgaben',
    'výdaj*',
    'kiadás',
    'débit',
    'dépenses',
    'cargo*',
    'uscite',
    'spent',
  ),
  credit: words(
    '*credit*',
    'deposit*',
    '*deposits*',
    'paid in',
    'money in',
    'inflow',
    'in',
    'haben',
    'bij',
    'eingang',
    'einnahmen',
    'příjem',
    'příjmy',
    'bevétel',
    'crédit',
    'recettes',
    'abono*',
    'entrate',
    'received',
  ),
  balance: words('*balance*', '*saldo*', '*egyenleg*', '*zůstatek*', '*kontostand*', '*solde*', 'running bal.', 'bal.', 'bal'),
  /** Numbers that are not money: rates, symbols, ids, card and account numbers. */
  notMoney: words(
    '*kurs*',
    '*koers*',
    '*rate*',
    '*symbol*',
    'vs',
    'ks',
    'ss',
    'id',
    '* id',
    'id *',
    '*nummer*',
    '*number*',
    '*no.*',
    '* no',
    '*nr',
    '*nr.*',
    'num',
    '*qty*',
    '*quantity*',
    '*card*',
    '*kaart*',
    '*blz*',
    '*bankleitzahl*',
    '*afschrift*',
    'volgnr',
    '*code*',
    '*konto*',
    '*account*',
    '*iban*',
    '*rekening*',
    '*účtu*',
    '*számla*',
    '*azonosító*',
  ),
  payee: words(
    'payee',
    'payee name',
    'name',
    'counterparty',
    'counterparty name',
    'counter party',
    'other party',
    'naam tegenpartij',
    'tegenpartij',
    'empfänger',
    'empfaenger',
    'zahlungsempfänger',
    'beguenstigter/zahlungspflichtiger',
    'begünstigter/zahlungspflichtiger',
    'begünstigter / auftraggeber',
    'auftraggeber/empfänger',
    'auftraggeber / empfänger',
    'auftraggeber',
    'beneficiary',
    'merchant',
    'merchant name',
    'handelaar',
    'název protiúčtu',
    'protistrana',
    'partner neve',
    'partner',
    'bénéficiaire',
    'tiers',
    'payer',
  ),
  /** Free text about the payment, best first. */
  memo: words(
    'verwendungszweck',
    'omschrijving',
    'omschrijving-1',
    'omschrijving 1',
    'vrije mededeling',
    'mededeling',
    'memo/description',
    'memo',
    'description',
    'transaction description',
    'details',
    'transaction details',
    'buchungstext',
    'narrative',
    'narration',
    'particulars',
    'zpráva',
    'zpráva pro příjemce',
    'zpráva pro mě',
    'popis',
    'popis transakce',
    'részletek',
    'közlemény',
    'libellé',
    'libelle',
    'libellé opération',
    'communication',
    'concepto',
    'descripción',
    'descrizione',
    'causale',
    'notes',
    'note',
    'remarks',
    'text',
    'positionstext',
    'toelichting',
    '*description*',
    '*omschrijving*',
    '*verwendungszweck*',
    '*memo*',
  ),
  reference: words(
    'reference',
    'ref',
    'ref.',
    'referenz',
    'referentie',
    'référence',
    'kenmerk',
    'betalingskenmerk',
    'transactiereferentie',
    'check number',
    'check no',
    'check no.',
    'check #',
    'check or slip #',
    'cheque number',
    'cheque no',
    'cheque no.',
    'num',
    'no.',
    'document number',
    'doc',
    'doc no',
    'doc no.',
    'document no',
    'document no.',
    'variabilní symbol*',
    'vs',
    'reference platby',
    'gestructureerde mededeling',
    'customer reference',
    'kundenreferenz',
    'end-to-end-referenz',
    'eref',
    'payment reference',
    'zahlungsreferenz',
    'referencia',
    'riferimento',
  ),
  bankId: words(
    'id',
    'volgnr',
    'volgnummer',
    'transaction id',
    'transactie id',
    'transaktions-id',
    'transaktionsnummer',
    'id transakce',
    'referenční číslo transakce',
    'bank reference',
    'fitid',
    'internal id',
    'je no',
    'je no.',
    'je #',
    'journal no',
    'journal no.',
    'journal number',
    'txn no',
    'txn no.',
    'txn id',
    'transaction no',
    'transaction number',
    'megbízás azonosító',
    'unique id',
  ),
  currency: words(
    'currency',
    'currency code',
    'ccy',
    'curr',
    'curr.',
    'munt',
    'valuta',
    'währung',
    'waehrung',
    'whrg',
    'whrg.',
    'devise',
    'monnaie',
    'měna',
    'měna účtu',
    'devizanem',
    '*devizaneme',
    'moneda',
    'divisa',
    'waluta',
    '*currency',
  ),
  /** Currency columns of a foreign-currency original, not of the statement. */
  secondaryCurrency: words('*local*', '*fremd*', '*foreign*', '*original*', '*oorspr*', '*původní*'),
  account: words(
    'iban/bban',
    'iban',
    'account',
    'account number',
    'account no',
    'account no.',
    'account iban',
    'own account',
    'my account',
    'rekeningnummer',
    'rekening',
    'eigen rekening',
    'auftragskonto',
    'konto',
    'číslo účtu',
    'számlaszám',
    'compte',
    'numéro de compte',
    'n° de compte',
    'cuenta',
    'conto',
  ),
} as const;

/** Values of a direction column, lower case; '-' and '+' included. */
export const DEBIT_INDICATORS: ReadonlySet<string> = new Set(['d', 'dr', 'db', 'dbit', 'debit', 'debet', 's', 'soll', 'af', 'o', 'out', 'outflow', 'kiadás', '-', 'belastung', 'withdrawal', 'debited', 'uitgaand']);
export const CREDIT_INDICATORS: ReadonlySet<string> = new Set(['c', 'cr', 'crdt', 'credit', 'h', 'haben', 'bij', 'i', 'in', 'inflow', 'bevétel', '+', 'gutschrift', 'deposit', 'credited', 'inkomend']);

/** A date cell of a card transaction not yet booked ("Pending"): it takes the nearest booked date. */
export const PENDING_DATE = /^(pending|vorgemerkt|in behandeling|in afwachting|en attente|pendiente|in sospeso|nevyřízeno|függőben|authori[sz]ed)$/i;

const TOTAL_WORDS = /^(grand total|total|totals|totaal|summe|gesamt|gesamtsumme|celkem|celkový|összesen|sum|subtotal|somme|totale|report total|net change|number of transactions)\b/;
const OPENING_WORDS = /^(opening|beginning|begin|start|starting|previous|old) balance\b|^(beginsaldo|startsaldo|anfangssaldo|alter kontostand|eröffnungssaldo|saldo inicial|saldo iniziale|saldo anterior|solde initial|solde d'ouverture|po.+te.n. z.statek|nyit. egyenleg)\b/;
const CLOSING_WORDS = /^(closing|ending|end|final|ledger|current|new) balance\b|^(eindsaldo|endsaldo|schlusssaldo|neuer kontostand|saldo final|saldo finale|solde final|solde de cl.ture|kone.n. z.statek|z.r. egyenleg)\b/;

/** True for the text of a totals or summary row ("Total for Checking", "Summe"). */
export function isTotalText(text: string): boolean {
  const lower = text.trim().toLowerCase();
  return TOTAL_WORDS.test(lower) || OPENING_WORDS.test(lower) || CLOSING_WORDS.test(lower);
}

/** 'opening' / 'closing' when a row's label states a balance ("Ledger Balance", "Beginsaldo"). */
export function balanceLabel(text: string): 'opening' | 'closing' | null {
  const lower = text.trim().toLowerCase();
  if (OPENING_WORDS.test(lower)) {
    return 'opening';
  }
  if (CLOSING_WORDS.test(lower)) {
    return 'closing';
  }
  return null;
}

/** Labels of an account in a preamble row ("Account details for:", "Rekeningnummer", "IBAN"). */
export const ACCOUNT_LABEL = /^(account( details for| number| no\.?)?|iban|rekeningnummer|rekening|kontonummer|konto|číslo účtu|számlaszám|compte|numéro de compte)\s*:?$/i;

// Active ISO 4217 codes: a currency named in an amount header ("Betrag (EUR)") or a currency cell.
const ISO_CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC ' +
    'CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD ' +
    'JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD ' +
    'NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP ' +
    'SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL'
  ).split(' '),
);

export function isCurrencyCode(text: string): boolean {
  return ISO_CURRENCIES.has(text);
}

/** The currency an amount header names: "Betrag (EUR)", "bedrag in EUR", "Withdrawals (SGD)". */
export function currencyInHeader(header: string): string | null {
  for (const match of header.matchAll(/(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/g)) {
    const code = match[1] ?? '';
    if (ISO_CURRENCIES.has(code)) {
      return code;
    }
  }
  return null;
}

function compileWord(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') {
      source += '.*';
    } else if (char.charCodeAt(0) > 0x7f) {
      source += '.';
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
