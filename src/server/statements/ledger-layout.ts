import type { CsvMapping } from '../../domain/reconciliation/importers/csv-mapping';
import { detectLedgerPreset, LEDGER_PRESETS, type LedgerLayout, type LedgerPresetId } from '../../domain/reconciliation/importers/ledger-presets';
import { StatementFormatError } from '../../domain/reconciliation/statement';

/** The general-ledger export layouts a user can choose from, for the import screen. */
export const LEDGER_PRESET_OPTIONS: Array<{ id: LedgerPresetId; label: string }> = LEDGER_PRESETS.map((preset) => ({ id: preset.id, label: preset.label }));

export function isLedgerPresetId(id: string): id is LedgerPresetId {
  return LEDGER_PRESETS.some((preset) => preset.id === id);
}

export interface ResolvedLedgerLayout extends LedgerLayout {
  /** The accounting system recognised, null when the generic detection read the file. */
  system: { id: LedgerPresetId; label: string } | null;
}

/**
 * The layout of a ledger export from a sample of its first rows (whole lines): the named preset's,
 * else the preset whose header row the sample has, else the generic detection with debit and
 * credit read the ledger's way. Null when nothing fits.
 */
export function resolveLedgerLayout(sample: string, presetId: string | undefined): ResolvedLedgerLayout | null {
  const layout = detectLedgerPreset(sample, presetId !== undefined && isLedgerPresetId(presetId) ? presetId : undefined);
  if (!layout) {
    return null;
  }
  const system = LEDGER_PRESET_OPTIONS.find((option) => option.id === layout.preset) ?? null;
  return { ...layout, system };
}

/** The mapping to stream a ledger export with; refuses the file (as the importer would) when none fits. */
export function ledgerMappingOrRefuse(sample: string, presetId: string | undefined): CsvMapping {
  const layout = resolveLedgerLayout(sample, presetId);
  if (layout) {
    return layout.mapping;
  }
  const label = LEDGER_PRESET_OPTIONS.find((option) => option.id === presetId)?.label;
  throw new StatementFormatError('line 1', label ? `the file is not a ${label} export: its header row was not found` : 'the columns of the ledger export could not be recognised; map them by hand');
}
