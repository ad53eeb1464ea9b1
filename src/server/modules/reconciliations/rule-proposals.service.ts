import { requireActor, type RequestContext } from '../../context';
import { seesAllClients } from '../../policies/client.policy';
import { canCreateReconciliationRule } from '../../policies/reconciliation-rule.policy';
import type { RuleProposalDto, RuleProposalListDto } from '../../../shared/reconciliation';
import { loadActiveMatchRules } from '../reconciliation-rules/reconciliation-rules.service';
import { loadReadable } from './reconciliation-access';
import * as lines from './reconciliation-lines.repository';

/** A pattern becomes a proposal once people adjusted it by hand this often. */
const MIN_OCCURRENCES = 3;
/** How many recent manual adjustments are read. */
const LOOKBACK = 2_000;

type Adjusted = Awaited<ReturnType<typeof lines.listManualAdjustmentLines>>[number];

/**
 * Rules the firm could add: bank lines that people adjusted by hand, with the same reason, again
 * and again (across the reconciliations of the clients the actor sees), and that no active rule
 * covers yet. A proposal names the words the descriptions share, the direction and the reason.
 */
export async function listRuleProposals(ctx: RequestContext, id: string): Promise<RuleProposalListDto> {
  const actor = requireActor(ctx);
  const { rec } = await loadReadable(ctx, ctx.db, id);
  const [adjusted, rules] = await Promise.all([
    lines.listManualAdjustmentLines(ctx.db, actor.firmId, seesAllClients(actor) ? null : [...actor.clientIds], LOOKBACK),
    loadActiveMatchRules(ctx.db, actor.firmId, rec.clientId),
  ]);
  const covered = (pattern: string) => rules.some((r) => r.kind === 'adjustment' && pattern.includes(r.descriptionContains.toUpperCase()));
  const groups = new Map<string, Adjusted[]>();
  for (const line of adjusted) {
    const pattern = patternOf(line.description);
    if (pattern.length < 4 || covered(pattern)) {
      continue;
    }
    const key = `${pattern}|${line.amountMinor < 0 ? 'out' : 'in'}|${line.adjustmentReason ?? 'other'}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const items = [...groups.entries()]
    .filter(([, group]) => group.length >= MIN_OCCURRENCES)
    .map(([key, group]) => proposalOf(key, group))
    .sort((a, b) => b.occurrences - a.occurrences || a.key.localeCompare(b.key));
  return { items, abilities: { createRule: canCreateReconciliationRule(actor, null) } };
}

/** The words of a bank description that stay the same month to month: letters only, upper case. */
function patternOf(description: string): string {
  return description
    .toUpperCase()
    .replace(/[^A-Z ]+/g, ' ')
    .split(' ')
    .filter((word) => word.length >= 2)
    .join(' ')
    .slice(0, 60)
    .trim();
}

function proposalOf(key: string, group: Adjusted[]): RuleProposalDto {
  const [pattern = '', direction = 'out', reasonCode = 'other'] = key.split('|');
  const accounts = [...new Set(group.map((g) => g.adjustmentAccount).filter((a): a is string => a !== null))];
  const reconciliations = new Set(group.map((g) => g.reconciliationId)).size;
  return {
    key,
    name: `${pattern.toLowerCase().replace(/^\w/, (c) => c.toUpperCase())} → ${reasonCode.replace(/_/g, ' ')}`,
    descriptionContains: pattern,
    kind: 'adjustment',
    direction: direction === 'in' ? 'in' : 'out',
    reasonCode,
    account: accounts.length === 1 ? (accounts[0] ?? null) : null,
    amountToleranceMinor: null,
    dateToleranceDays: null,
    occurrences: group.length,
    explanation: `Adjusted by hand as ${reasonCode.replace(/_/g, ' ')} ${group.length} times in ${reconciliations} ${reconciliations === 1 ? 'reconciliation' : 'reconciliations'}.`,
    examples: group.slice(0, 3).map((g) => ({ reconciliationId: g.reconciliationId, date: g.bookedOn, description: g.description, amountMinor: g.amountMinor })),
  };
}
