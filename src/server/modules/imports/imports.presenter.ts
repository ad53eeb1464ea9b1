import type { DocumentRow } from '../../db/schema';
import type { StatementImportDto, StatementLineDto } from '../../../shared/bank-accounts';
import type { ImportListRow, LineListRow, PresetRow } from './imports.repository';

export function presentImport(row: ImportListRow): StatementImportDto {
  return {
    id: row.id,
    side: row.side,
    fileName: row.fileName,
    format: row.format,
    sha256: row.sha256,
    sizeBytes: row.sizeBytes,
    documentId: row.documentId,
    sourceAccountId: row.sourceAccountId,
    openingBalanceMinor: row.openingBalanceMinor,
    closingBalanceMinor: row.closingBalanceMinor,
    startOn: row.startOn,
    endOn: row.endOn,
    linesTotal: row.linesTotal,
    linesAdded: row.linesAdded,
    linesDuplicate: row.linesDuplicate,
    importedBy: row.importedBy ? { id: row.importedBy, name: row.importerName ?? 'Former member' } : null,
    importedAt: row.importedAt.toISOString(),
  };
}

export function presentLine(row: LineListRow): StatementLineDto {
  return { ...row, isReconciled: row.reconciledIn !== null };
}

export function presentUploadedDocument(document: DocumentRow) {
  return { id: document.id, filename: document.filename, sha256: document.sha256, sizeBytes: document.sizeBytes };
}

export function presentPresetCreator(row: PresetRow): { id: string; name: string } | null {
  return row.createdBy ? { id: row.createdBy, name: row.creatorName ?? 'Former member' } : null;
}
