import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The matcher's suggestions, stored on the reconciliation (a JSON column: parsed when read) with
 * line ids instead of indexes. A suggestion's key is a hash of its lines, so it stays the same
 * across runs that propose the same pairing.
 */
export const StoredSuggestionSchema = z.object({
  key: z.string(),
  reason: z.string(),
  confidence: z.number(),
  explanation: z.string(),
  distinguishing: z.array(z.string()),
  bankLineIds: z.array(z.string()),
  ledgerLineIds: z.array(z.string()),
  adjustment: z.object({ amountMinor: z.number().int(), reasonCode: z.string(), account: z.string().nullable(), ruleId: z.string().nullable() }).nullable(),
  /** Set once a person accepted it: the match it became (kept so that accepting twice is harmless). */
  acceptedMatchId: z.string().nullable().default(null),
});
export type StoredSuggestion = z.infer<typeof StoredSuggestionSchema>;

/** Reads the column; an entry that does not parse (an older shape) is left out rather than trusted. */
export function readSuggestions(json: unknown): StoredSuggestion[] {
  if (!Array.isArray(json)) {
    return [];
  }
  return json.flatMap((entry) => {
    const parsed = StoredSuggestionSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function suggestionKey(bankLineIds: readonly string[], ledgerLineIds: readonly string[]): string {
  const text = `${[...bankLineIds].sort().join(',')}|${[...ledgerLineIds].sort().join(',')}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** Suggestions still open: not accepted yet. */
export function openSuggestions(json: unknown): StoredSuggestion[] {
  return readSuggestions(json).filter((s) => s.acceptedMatchId === null);
}

/** Drops the open suggestions that touch any of `lineIds` (lines just matched); accepted ones stay. */
export function withoutLines(suggestions: readonly StoredSuggestion[], lineIds: ReadonlySet<string>): StoredSuggestion[] {
  return suggestions.filter((s) => s.acceptedMatchId !== null || (!s.bankLineIds.some((id) => lineIds.has(id)) && !s.ledgerLineIds.some((id) => lineIds.has(id))));
}
