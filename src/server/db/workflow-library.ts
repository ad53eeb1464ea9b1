import type { ChecklistItemJson, WorkflowStepJson } from './schema';

/**
 * The workflow templates a new firm starts with: the recurring work firms hand offshore first.
 * Each has its steps (owner role and swimlane) and a first checklist version whose items say
 * which evidence proves them.
 */
export interface WorkflowDefinition {
  key: string;
  name: string;
  description: string;
  steps: WorkflowStepJson[];
  checklist: ChecklistItemJson[];
}

const step = (key: string, name: string, ownerRole: WorkflowStepJson['ownerRole'], lane: WorkflowStepJson['lane'], inputs: string[], outputs: string[]): WorkflowStepJson => ({ key, name, ownerRole, lane, inputs, outputs });
const item = (key: string, text: string, help: string, evidence: ChecklistItemJson['evidence'], required = true): ChecklistItemJson => ({ key, text, help, evidence, required });

export const WORKFLOW_LIBRARY: WorkflowDefinition[] = [
  {
    key: 'bank-reconciliation',
    name: 'Monthly bank reconciliation',
    description: 'Reconcile each operating bank account to the general ledger cash account at month end.',
    steps: [
      step('request', 'Request bank statement', 'client', 'client', ['Engagement calendar'], ['Statement request']),
      step('import', 'Import statement and ledger detail', 'preparer', 'offshore', ['Bank statement', 'GL cash detail'], ['Imported transactions']),
      step('match', 'Match and investigate exceptions', 'preparer', 'offshore', ['Imported transactions'], ['Reconciliation draft']),
      step('review', 'Review reconciliation', 'reviewer', 'onshore', ['Reconciliation draft'], ['Review notes', 'Approval']),
      step('post', 'Post adjusting entries', 'reviewer', 'onshore', ['Approved adjustments'], ['Posted journal entries']),
    ],
    checklist: [
      item('statement-received', 'Bank statement for the period received and saved', 'Save the PDF statement to the task; check the period and account number.', 'attachment'),
      item('opening-balance', 'Opening balance agrees to last month’s reconciled balance', 'Enter the opening balance shown on the statement.', 'figure'),
      item('all-matched', 'Every bank line is matched, explained or proposed as an adjustment', 'No unexplained bank-only lines may remain.', 'none'),
      item('outstanding-reviewed', 'Outstanding checks older than 90 days listed with follow-up', 'Note the check numbers and the follow-up agreed with the client.', 'note'),
      item('difference-zero', 'Adjusted bank balance equals adjusted book balance', 'Enter the reconciled closing balance.', 'figure'),
    ],
  },
  {
    key: 'month-end-close',
    name: 'Month-end close support',
    description: 'Close the books for the month: accruals, prepaids, depreciation and the close package.',
    steps: [
      step('cutoff', 'Confirm cut-off and open items', 'preparer', 'offshore', ['Close calendar'], ['Open items list']),
      step('accruals', 'Book accruals and prepaid amortisation', 'preparer', 'offshore', ['Vendor invoices', 'Prepaid schedule'], ['Draft journal entries']),
      step('flux', 'Prepare flux analysis', 'preparer', 'offshore', ['Trial balance'], ['Flux analysis']),
      step('review', 'Review close package', 'reviewer', 'onshore', ['Close package'], ['Review notes', 'Approval']),
    ],
    checklist: [
      item('bank-recs-done', 'All bank reconciliations for the month are approved', 'Link or name the approved reconciliations.', 'note'),
      item('accruals', 'Accruals booked for unbilled expenses above the threshold', 'Attach the accrual schedule.', 'attachment'),
      item('prepaids', 'Prepaid amortisation schedule rolled forward', 'Enter the month’s amortisation total.', 'figure'),
      item('depreciation', 'Depreciation posted from the fixed-asset register', 'Enter the month’s depreciation total.', 'figure'),
      item('flux', 'Flux analysis explains variances above 10% and $5,000', 'Attach the flux analysis.', 'attachment'),
    ],
  },
  {
    key: 'ap-processing',
    name: 'AP processing',
    description: 'Enter, code and schedule vendor bills for payment with three-way match.',
    steps: [
      step('collect', 'Collect vendor bills', 'client', 'client', ['Vendor bills'], ['Bills in inbox']),
      step('enter', 'Enter and code bills', 'preparer', 'offshore', ['Bills in inbox', 'Chart of accounts'], ['Entered bills']),
      step('match', 'Three-way match to PO and receipt', 'preparer', 'offshore', ['Purchase orders', 'Receiving reports'], ['Match exceptions']),
      step('approve', 'Approve payment run', 'reviewer', 'onshore', ['Payment proposal'], ['Approved payment run']),
    ],
    checklist: [
      item('bills-entered', 'Every bill received this period is entered once', 'Check the inbox count against bills entered; no duplicates by vendor and invoice number.', 'figure'),
      item('coding', 'GL coding follows the client’s coding guide', 'Note any new vendor mapped this period.', 'note', false),
      item('three-way', 'Three-way match exceptions listed and resolved', 'Attach the exception log.', 'attachment'),
      item('payment-run', 'Payment proposal totals agree to approved bills', 'Enter the payment run total.', 'figure'),
    ],
  },
  {
    key: 'payroll-support',
    name: 'Payroll support',
    description: 'Reconcile the payroll register to the general ledger and prepare the payroll journal entry.',
    steps: [
      step('register', 'Obtain payroll register', 'client', 'client', ['Payroll provider reports'], ['Payroll register']),
      step('reconcile', 'Reconcile register to GL', 'preparer', 'offshore', ['Payroll register', 'GL detail'], ['Payroll reconciliation']),
      step('entry', 'Prepare payroll journal entry', 'preparer', 'offshore', ['Payroll reconciliation'], ['Draft journal entry']),
      step('review', 'Review and approve', 'reviewer', 'onshore', ['Draft journal entry'], ['Approval']),
    ],
    checklist: [
      item('register', 'Payroll register for every pay date in the period saved', 'Attach the registers.', 'attachment'),
      item('gross-to-net', 'Gross pay, withholdings and net pay tie to the register', 'Enter total gross pay.', 'figure'),
      item('liabilities', 'Payroll tax liabilities agree to provider filings', 'Note any difference and its cause.', 'note'),
      item('entry', 'Payroll journal entry drafted and balanced', 'Enter the entry total.', 'figure'),
    ],
  },
  {
    key: 'journal-entries',
    name: 'Journal entry preparation',
    description: 'Draft recurring and adjusting journal entries with support for approval.',
    steps: [
      step('draft', 'Draft entries with support', 'preparer', 'offshore', ['Support documents'], ['Draft entries']),
      step('review', 'Review and approve entries', 'reviewer', 'onshore', ['Draft entries'], ['Approved entries']),
      step('post', 'Post to the ledger', 'reviewer', 'onshore', ['Approved entries'], ['Posted entries']),
    ],
    checklist: [
      item('support', 'Every entry has its support attached', 'Attach the support package.', 'attachment'),
      item('balanced', 'Each entry balances and uses active accounts', 'Enter the total of debits.', 'figure'),
      item('description', 'Descriptions say what, why and which period', 'A reviewer should understand each entry without asking.', 'none'),
    ],
  },
  {
    key: 'audit-pbc',
    name: 'Audit PBC support',
    description: 'Assemble the prepared-by-client list for the auditors and track each request to delivery.',
    steps: [
      step('list', 'Receive the PBC list', 'reviewer', 'onshore', ['Auditor request list'], ['PBC tracker']),
      step('assemble', 'Assemble schedules and support', 'preparer', 'offshore', ['PBC tracker', 'Ledger'], ['Schedules']),
      step('client', 'Collect client-held documents', 'client', 'client', ['Document requests'], ['Uploaded documents']),
      step('deliver', 'Review and deliver to auditors', 'reviewer', 'onshore', ['Schedules'], ['Delivered PBC items']),
    ],
    checklist: [
      item('tracker', 'PBC tracker lists every request with owner and due date', 'Attach the tracker.', 'attachment'),
      item('tie-out', 'Schedules tie to the trial balance', 'Enter the trial balance total tied.', 'figure'),
      item('client-docs', 'Client-held documents requested with due dates', 'Note which requests are still open.', 'note'),
    ],
  },
];
