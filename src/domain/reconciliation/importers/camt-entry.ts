/**
 * One camt `<Ntry>` while it is being read, and the bank transaction it becomes.
 *
 * An entry is one movement on the account. Its transaction details (`<TxDtls>`) describe what
 * it pays; a batch entry (a salary run, a collection of direct debits) has several, and is still
 * ONE bank transaction of the entry's amount — that is what the ledger has to match. So only the
 * first `<TxDtls>` is kept (for the counterparty, remittance text and reference of a single
 * payment) and the others are only counted: memory stays flat however large the batch.
 */
import type { LocalDate } from '../../dates';
import type { StatementTransaction } from '../statement';
import type { EntryField } from './camt-paths';
import { collapseWhitespace, joinDescriptionParts, readReference } from './camt-values';

type DirectEntryField =
  | 'entryAmount'
  | 'entryIndicator'
  | 'entryStatus'
  | 'bookingDate'
  | 'valueDate'
  | 'entryServicerRef'
  | 'entryRef'
  | 'entryInfo'
  | 'batchPaymentInfoId'
  | 'batchCount';

export class CamtEntry {
  /** 1-based position of the entry in the document, for error locations. */
  index = 0;
  amountText: string | null = null;
  amountCurrency: string | null = null;
  indicator: string | null = null;
  status: string | null = null;
  bookingDate: string | null = null;
  valueDate: string | null = null;
  private servicerRef: string | null = null;
  private entryRef: string | null = null;
  private entryInfo: string | null = null;
  private batchPaymentInfoId: string | null = null;
  private batchCount: string | null = null;
  private transactionCount = 0;
  // Facts of the first <TxDtls> only.
  private endToEndId: string | null = null;
  private chequeNumber: string | null = null;
  private transactionServicerRef: string | null = null;
  private remittanceText: string | null = null;
  private creditorReference: string | null = null;
  private debtorName: string | null = null;
  private creditorName: string | null = null;
  private transactionInfo: string | null = null;

  begin(index: number): void {
    this.index = index;
    this.amountText = null;
    this.amountCurrency = null;
    this.indicator = null;
    this.status = null;
    this.bookingDate = null;
    this.valueDate = null;
    this.servicerRef = null;
    this.entryRef = null;
    this.entryInfo = null;
    this.batchPaymentInfoId = null;
    this.batchCount = null;
    this.transactionCount = 0;
    this.endToEndId = null;
    this.chequeNumber = null;
    this.transactionServicerRef = null;
    this.remittanceText = null;
    this.creditorReference = null;
    this.debtorName = null;
    this.creditorName = null;
    this.transactionInfo = null;
  }

  beginTransactionDetails(): void {
    this.transactionCount += 1;
  }

  /** Stores the text of one of the entry's leaves; of several transaction details only the first is kept. */
  receive(field: EntryField, text: string): void {
    switch (field) {
      case 'entryAmount':
        this.amountText = text;
        return;
      case 'entryIndicator':
        this.indicator = text.trim();
        return;
      case 'entryStatus':
        this.status = text.trim();
        return;
      case 'bookingDate':
        this.bookingDate = text;
        return;
      case 'valueDate':
        this.valueDate = text;
        return;
      case 'entryServicerRef':
        this.servicerRef = readReference(text);
        return;
      case 'entryRef':
        this.entryRef = readReference(text);
        return;
      case 'entryInfo':
        this.entryInfo = appendText(this.entryInfo, text);
        return;
      case 'batchPaymentInfoId':
        this.batchPaymentInfoId = readReference(text);
        return;
      case 'batchCount':
        this.batchCount = text.trim();
        return;
      case 'endToEndId':
      case 'chequeNumber':
      case 'transactionServicerRef':
      case 'remittanceText':
      case 'creditorReference':
      case 'debtorName':
      case 'creditorName':
      case 'transactionInfo':
        // Only the first <TxDtls> describes the payment; later ones (a batch) are only counted.
        if (this.transactionCount <= 1) {
          this.receiveDetail(field, text);
        }
        return;
    }
  }

  /** Booked entries are what a bank statement reconciles; PDNG, INFO and FUTR are not (yet) booked. */
  isBooked(): boolean {
    return this.status === null || this.status === '' || this.status === 'BOOK';
  }

  /** The bank transaction, once the amount (signed) and the date are known and checked. */
  toTransaction(amountMinor: number, date: LocalDate): StatementTransaction {
    const batchSize = this.batchSize();
    if (batchSize > 1) {
      return {
        date,
        amountMinor,
        description: this.entryInfo ? `${this.entryInfo} (${batchSize} transactions)` : `Batch of ${batchSize} transactions`,
        reference: this.batchPaymentInfoId,
        bankId: this.servicerRef ?? this.entryRef,
      };
    }
    // The counterparty is the payer of money in and the payee of money out.
    const counterparty = this.indicator === 'CRDT' ? this.debtorName : this.creditorName;
    return {
      date,
      amountMinor,
      description: joinDescriptionParts([counterparty, this.remittanceText, this.transactionInfo, this.entryInfo]),
      reference: this.chequeNumber ?? this.endToEndId ?? this.creditorReference ?? this.batchPaymentInfoId,
      bankId: this.servicerRef ?? this.entryRef ?? this.transactionServicerRef,
    };
  }

  private batchSize(): number {
    const stated = this.batchCount !== null && /^\d+$/.test(this.batchCount) ? Number(this.batchCount) : 0;
    return Math.max(stated, this.transactionCount);
  }

  private receiveDetail(field: Exclude<EntryField, DirectEntryField>, text: string): void {
    switch (field) {
      case 'endToEndId':
        this.endToEndId = readReference(text);
        return;
      case 'chequeNumber':
        this.chequeNumber = readReference(text);
        return;
      case 'transactionServicerRef':
        this.transactionServicerRef = readReference(text);
        return;
      case 'remittanceText':
        // Several <Ustrd> lines are one text cut into pieces.
        this.remittanceText = appendText(this.remittanceText, text);
        return;
      case 'creditorReference':
        this.creditorReference = readReference(text);
        return;
      case 'debtorName':
        this.debtorName = collapseWhitespace(text) || null;
        return;
      case 'creditorName':
        this.creditorName = collapseWhitespace(text) || null;
        return;
      case 'transactionInfo':
        this.transactionInfo = appendText(this.transactionInfo, text);
        return;
    }
  }
}

function appendText(existing: string | null, text: string): string | null {
  const collapsed = collapseWhitespace(text);
  if (collapsed === '') {
    return existing;
  }
  return existing === null ? collapsed : `${existing} ${collapsed}`;
}
