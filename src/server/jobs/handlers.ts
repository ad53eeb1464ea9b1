import { runStatementImport, STATEMENT_IMPORT_JOB } from '../modules/imports/statement-import.job';
import { MATCH_JOB, runMatchJob } from '../modules/reconciliations/matching.service';
import type { JobHandlers } from './types';

/**
 * Every kind of background job this server runs, by name: the one place the server assembles
 * them (runners take only kinds listed here). A module adds its handler with one line.
 */
export const JOB_HANDLERS: JobHandlers = {
  [STATEMENT_IMPORT_JOB]: runStatementImport,
  [MATCH_JOB]: runMatchJob,
};
