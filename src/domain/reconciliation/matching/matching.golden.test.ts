import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES } from './matching.golden';
import { proposeMatches } from './propose-matches';
import { proposeMatchesReference } from './reference-matcher';
import { DEFAULT_MATCH_OPTIONS } from './types';

describe('matching golden cases', () => {
  for (const c of GOLDEN_CASES) {
    it(c.name, () => {
      const options = { ...DEFAULT_MATCH_OPTIONS, ...c.options };
      const result = proposeMatches(c.bank, c.ledger, options);
      const applied = result.matches.map(({ bank, ledger, reason }) => ({ bank, ledger, reason }));
      expect(applied).toEqual(expect.arrayContaining(c.matches));
      expect(applied).toHaveLength(c.matches.length);
      const offered = result.suggestions.map(({ bank, ledger }) => ({ bank, ledger }));
      expect(offered).toEqual(expect.arrayContaining(c.suggested ?? []));
      expect(proposeMatchesReference(c.bank, c.ledger, options)).toEqual(result);
    });
  }
});
