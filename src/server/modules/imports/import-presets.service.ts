import { CsvMappingSchema } from '../../../domain/reconciliation/importers/csv-mapping';
import type { CreateImportPresetBody, ImportPresetDto, LedgerSide } from '../../../shared/bank-accounts';
import { requireActor, type Actor, type RequestContext } from '../../context';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, NotFoundError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { importPresetAbilities } from '../../policies/bank-account.policy';
import { presentPresetCreator } from './imports.presenter';
import * as repo from './imports.repository';

/** The firm's saved CSV mappings (optionally of one side), by name. */
export async function listPresets(ctx: RequestContext, side: LedgerSide | undefined): Promise<ImportPresetDto[]> {
  const actor = requireActor(ctx);
  authorize(importPresetAbilities(actor, { firmId: actor.firmId }), 'read', 'Saved import mappings are for the firm’s staff.');
  const rows = await repo.listPresets(ctx.db, actor.firmId, side);
  return rows.flatMap((row) => presentPreset(actor, row) ?? []);
}

/** Saves a confirmed mapping under a name for the next file of the same bank (names are unique per side). */
export async function createPreset(ctx: RequestContext, input: CreateImportPresetBody): Promise<ImportPresetDto> {
  const actor = requireActor(ctx);
  authorize(importPresetAbilities(actor, { firmId: actor.firmId }), 'create', 'Saved import mappings are for the firm’s staff.');
  const id = newId();
  const save = ctx.db.transaction().execute(async (trx) => {
    if (await repo.findPresetByName(trx, actor.firmId, input.side, input.name)) {
      throw duplicateName(input.name);
    }
    await repo.insertPreset(trx, { id, firmId: actor.firmId, name: input.name, side: input.side, mapping: input.mapping, createdBy: actor.userId, createdAt: ctx.now() });
    await recordAudit(trx, ctx, actor.firmId, { type: 'import_preset.saved', subjectType: 'import_preset', data: { name: input.name, side: input.side, mapping: input.mapping } }, { id });
    return repo.findPreset(trx, actor.firmId, id);
  });
  const row = await save.catch((error: unknown) => {
    throw repo.isDuplicatePresetName(error) ? duplicateName(input.name) : error;
  });
  const dto = row ? presentPreset(actor, row) : null;
  if (!dto) {
    throw new Error('a preset just saved could not be read back');
  }
  return dto;
}

/** Deletes a saved mapping; imports made with it keep the mapping they used (it is in their job). */
export async function deletePreset(ctx: RequestContext, presetId: string): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const preset = await repo.findPreset(trx, actor.firmId, presetId);
    if (!preset) {
      throw new NotFoundError('import preset');
    }
    const abilities = importPresetAbilities(actor, preset);
    readableOrNotFound(abilities, 'import preset');
    authorize(abilities, 'delete', 'Only whoever saved this mapping, or a reviewer, partner or admin, may delete it.');
    await repo.deletePreset(trx, actor.firmId, presetId);
    await recordAudit(trx, ctx, actor.firmId, { type: 'import_preset.deleted', subjectType: 'import_preset', data: { name: preset.name } }, { id: presetId });
  });
}

/** A preset as the API shows it; one whose stored mapping no longer reads is left out. */
function presentPreset(actor: Actor, row: repo.PresetRow): ImportPresetDto | null {
  const mapping = CsvMappingSchema.safeParse(row.mapping);
  if (!mapping.success) {
    return null;
  }
  return {
    id: row.id,
    name: row.name,
    side: row.side,
    mapping: mapping.data,
    createdBy: presentPresetCreator(row),
    createdAt: row.createdAt.toISOString(),
    abilities: { delete: importPresetAbilities(actor, row).delete },
  };
}

function duplicateName(name: string): ConflictError {
  return new ConflictError(`A saved mapping named "${name}" already exists for this side.`, 'duplicate_name');
}
