/**
 * The few element paths of a camt.052/053/054 document that the importer reads, as a tree of
 * local names (namespace prefixes and versions do not matter). Everything else in these rich
 * documents is skipped without being looked at, which keeps the parser fast and its memory flat.
 */

/** Elements the reader acts on when they open and close. */
export type ContainerField = 'message' | 'statement' | 'balance' | 'entry' | 'transaction';

/** Leaves that describe the message, the statement or one of its balances. */
export type HeaderField =
  | 'groupCreated'
  | 'statementCreated'
  | 'periodFrom'
  | 'periodTo'
  | 'accountIban'
  | 'accountOther'
  | 'accountCurrency'
  | 'balanceType'
  | 'balanceAmount'
  | 'balanceIndicator';

/** Leaves of an entry (`<Ntry>`) and of its transaction details (`<TxDtls>`). */
export type EntryField =
  | 'entryAmount'
  | 'entryIndicator'
  | 'entryStatus'
  | 'bookingDate'
  | 'valueDate'
  | 'entryServicerRef'
  | 'entryRef'
  | 'entryInfo'
  | 'batchPaymentInfoId'
  | 'batchCount'
  | 'endToEndId'
  | 'chequeNumber'
  | 'transactionServicerRef'
  | 'remittanceText'
  | 'creditorReference'
  | 'debtorName'
  | 'creditorName'
  | 'transactionInfo';

/** What an element on one of the known paths means to the importer. */
export type CamtField = ContainerField | HeaderField | EntryField;

const CONTAINERS: ReadonlySet<CamtField> = new Set<ContainerField>(['message', 'statement', 'balance', 'entry', 'transaction']);
const HEADER_FIELDS: ReadonlySet<CamtField> = new Set<HeaderField>([
  'groupCreated',
  'statementCreated',
  'periodFrom',
  'periodTo',
  'accountIban',
  'accountOther',
  'accountCurrency',
  'balanceType',
  'balanceAmount',
  'balanceIndicator',
]);

export function isContainerField(field: CamtField): field is ContainerField {
  return CONTAINERS.has(field);
}

export function isHeaderField(field: CamtField): field is HeaderField {
  return HEADER_FIELDS.has(field);
}

export interface CamtPathNode {
  readonly field: CamtField | null;
  readonly children: ReadonlyMap<string, CamtPathNode>;
}

/** The message elements of the three documents, and the statement element each one repeats. */
export const MESSAGE_STATEMENTS: Readonly<Record<string, string>> = {
  BkToCstmrStmt: 'Stmt',
  BkToCstmrAcctRpt: 'Rpt',
  BkToCstmrDbtCdtNtfctn: 'Ntfctn',
};

const TRANSACTION = 'Ntry/NtryDtls/TxDtls';

/** Paths below a statement (`Stmt`, `Rpt` or `Ntfctn`); '' is the statement element itself. */
const STATEMENT_PATHS: ReadonlyArray<readonly [string, CamtField]> = [
  ['', 'statement'],
  ['CreDtTm', 'statementCreated'],
  ['FrToDt/FrDtTm', 'periodFrom'],
  ['FrToDt/FrDt', 'periodFrom'],
  ['FrToDt/ToDtTm', 'periodTo'],
  ['FrToDt/ToDt', 'periodTo'],
  ['Acct/Id/IBAN', 'accountIban'],
  ['Acct/Id/Othr/Id', 'accountOther'],
  ['Acct/Ccy', 'accountCurrency'],
  ['Bal', 'balance'],
  ['Bal/Tp/CdOrPrtry/Cd', 'balanceType'],
  ['Bal/Amt', 'balanceAmount'],
  ['Bal/CdtDbtInd', 'balanceIndicator'],
  ['Ntry', 'entry'],
  ['Ntry/Amt', 'entryAmount'],
  ['Ntry/CdtDbtInd', 'entryIndicator'],
  // Up to version 7 the status is text; from version 8 it is a code inside <Sts>.
  ['Ntry/Sts', 'entryStatus'],
  ['Ntry/Sts/Cd', 'entryStatus'],
  // Dates are <Dt> or <DtTm>; some banks nest a <DtTm> inside the <Dt>.
  ['Ntry/BookgDt/Dt', 'bookingDate'],
  ['Ntry/BookgDt/DtTm', 'bookingDate'],
  ['Ntry/BookgDt/Dt/DtTm', 'bookingDate'],
  ['Ntry/ValDt/Dt', 'valueDate'],
  ['Ntry/ValDt/DtTm', 'valueDate'],
  ['Ntry/ValDt/Dt/DtTm', 'valueDate'],
  ['Ntry/AcctSvcrRef', 'entryServicerRef'],
  ['Ntry/NtryRef', 'entryRef'],
  ['Ntry/AddtlNtryInf', 'entryInfo'],
  ['Ntry/NtryDtls/Btch/PmtInfId', 'batchPaymentInfoId'],
  ['Ntry/NtryDtls/Btch/NbOfTxs', 'batchCount'],
  [TRANSACTION, 'transaction'],
  [`${TRANSACTION}/Refs/EndToEndId`, 'endToEndId'],
  [`${TRANSACTION}/Refs/ChqNb`, 'chequeNumber'],
  [`${TRANSACTION}/Refs/AcctSvcrRef`, 'transactionServicerRef'],
  [`${TRANSACTION}/RmtInf/Ustrd`, 'remittanceText'],
  [`${TRANSACTION}/RmtInf/Strd/CdtrRefInf/Ref`, 'creditorReference'],
  [`${TRANSACTION}/RltdPties/Dbtr/Nm`, 'debtorName'],
  [`${TRANSACTION}/RltdPties/Dbtr/Pty/Nm`, 'debtorName'],
  [`${TRANSACTION}/RltdPties/Cdtr/Nm`, 'creditorName'],
  [`${TRANSACTION}/RltdPties/Cdtr/Pty/Nm`, 'creditorName'],
  [`${TRANSACTION}/AddtlTxInf`, 'transactionInfo'],
];

interface MutableNode {
  field: CamtField | null;
  children: Map<string, MutableNode>;
}

/**
 * The root of the path tree: `Document` → message → statement → …, and the message elements
 * directly at the root too, for the odd bank that leaves out the `Document` wrapper.
 */
export const CAMT_PATH_ROOT: CamtPathNode = buildTree();

function buildTree(): CamtPathNode {
  const root = createNode(null);
  const documentNode = createNode(null);
  root.children.set('Document', documentNode);
  for (const [messageName, statementName] of Object.entries(MESSAGE_STATEMENTS)) {
    const message = createNode('message');
    root.children.set(messageName, message);
    documentNode.children.set(messageName, message);
    childOf(message, 'GrpHdr').children.set('CreDtTm', createNode('groupCreated'));
    const statement = createNode(null);
    message.children.set(statementName, statement);
    for (const [path, field] of STATEMENT_PATHS) {
      let node = statement;
      for (const name of path === '' ? [] : path.split('/')) {
        node = node.children.get(name) ?? addChild(node, name);
      }
      node.field = field;
    }
  }
  return root;
}

function createNode(field: CamtField | null): MutableNode {
  return { field, children: new Map() };
}

function addChild(node: MutableNode, name: string): MutableNode {
  const child = createNode(null);
  node.children.set(name, child);
  return child;
}

function childOf(node: MutableNode, name: string): MutableNode {
  return node.children.get(name) ?? addChild(node, name);
}
