import { buildDemoBankMonths, DEMO_BANK_PROFILES } from './src/server/db/seed-bank-data';
import { parseLedgerCsv } from './src/domain/reconciliation/importers/ledger-presets';
import { parseOfx } from './src/domain/reconciliation/importers/ofx';
import { parseCamt } from './src/domain/reconciliation/importers/camt';
import { parseMt940 } from './src/domain/reconciliation/importers/mt940';
for (const p of DEMO_BANK_PROFILES) {
  const months = buildDemoBankMonths(p, [{ start: '2026-09-01', end: '2026-09-30' }, { start: '2026-10-01', end: '2026-10-31' }]);
  for (const m of months) {
    const led = parseLedgerCsv(m.ledger.text);
    const bank = p.bankFormat === 'ofx' ? parseOfx(m.bank.text) : p.bankFormat === 'camt' ? parseCamt(m.bank.text) : parseMt940(m.bank.text);
    console.log(p.client, m.periodEnd, 'bank', bank.ok ? `${bank.value.statements[0]?.transactions.length} close ${bank.value.statements[0]?.closingBalanceMinor}` : JSON.stringify(bank.error), 'ledger', led.ok ? `${led.value.statements[0]?.transactions.length}/${m.ledger.lines.length} close ${led.value.statements[0]?.closingBalanceMinor} expect ${m.ledger.closingBalanceMinor}` : JSON.stringify(led.error));
  }
}
import { proposeMatches } from './src/domain/reconciliation/matching/propose-matches';
for (const p of DEMO_BANK_PROFILES) {
  const [sep, oct] = buildDemoBankMonths(p, [{ start: '2026-09-01', end: '2026-09-30' }, { start: '2026-10-01', end: '2026-10-31' }]);
  const toLine = (t: any) => ({ date: t.date, amountMinor: t.amountMinor, description: t.description ?? `${t.name} ${t.memo}`, reference: t.reference ?? t.number ?? null, bankId: null });
  const bank = sep!.bank.statement.transactions.map(toLine);
  const ledger = sep!.ledger.lines.map((l) => toLine(l));
  const r = proposeMatches(bank, ledger, { dateWindowDays: 5, maxGroupSize: 6, rules: [] });
  const unB = r.unmatchedBank.map((i) => bank[i]!.amountMinor).reduce((a, b) => a + b, 0);
  const unL = r.unmatchedLedger.map((i) => ledger[i]!.amountMinor).reduce((a, b) => a + b, 0);
  console.log(p.client, 'matches', r.matches.length, 'sugg', r.suggestions.length, 'unB', r.unmatchedBank.map((i) => bank[i]!.description), 'unL', r.unmatchedLedger.map((i) => ledger[i]!.description), 'proof', sep!.bank.statement.closingBalanceMinor! + unL - (sep!.ledger.closingBalanceMinor + unB));
}
