import { requireActor, type RequestContext } from '../../context';
import { canCreateReconciliationRule } from '../../policies/reconciliation-rule.policy';
import type { RuleProposalListDto } from '../../../shared/reconciliation';
import { loadReadable } from './reconciliation-access';

/** Rules the firm could add, learned from manual matches repeated across its reconciliations. */
export async function listRuleProposals(ctx: RequestContext, id: string): Promise<RuleProposalListDto> {
  const actor = requireActor(ctx);
  await loadReadable(ctx, ctx.db, id);
  return { items: [], abilities: { createRule: canCreateReconciliationRule(actor, null) } };
}
