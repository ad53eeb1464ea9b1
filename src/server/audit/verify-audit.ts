import fs from 'node:fs';
import type { Db } from '../db/database';
import { GENESIS_HASH, hashEntry, type HashedContent } from './record-audit';

export type ChainProblemKind = 'altered' | 'removed' | 'reordered' | 'rewritten';

export interface ChainProblem {
  firmId: string;
  kind: ChainProblemKind;
  seq: number;
  entryId: string | null;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  firms: number;
  entries: number;
  problems: ChainProblem[];
}

export interface Checkpoint {
  at: string;
  firmId: string;
  seq: number;
  hash: string;
}

const BATCH = 5000;

/**
 * Walks every firm's chain in sequence order, recomputing each hash, and stops a chain at its
 * first break, naming the entry and what happened to it. Checkpoints written outside the
 * database catch the one forgery the chain cannot: rewriting every hash from some point on.
 */
export async function verifyAuditLog(
  db: Db,
  options: { checkpoints?: Checkpoint[]; onProgress?: (entries: number) => void } = {},
): Promise<VerifyResult> {
  const heads = await db.selectFrom('auditChainHeads').selectAll().orderBy('firmId').execute();
  const firmsWithEvents = await db.selectFrom('auditEvents').select('firmId').distinct().execute();
  const firmIds = [...new Set([...heads.map((h) => h.firmId), ...firmsWithEvents.map((f) => f.firmId)])].sort();
  const problems: ChainProblem[] = [];
  let entries = 0;

  for (const firmId of firmIds) {
    const head = heads.find((h) => h.firmId === firmId);
    const checkpoints = (options.checkpoints ?? []).filter((c) => c.firmId === firmId);
    const result = await verifyChain(db, firmId, head ? Number(head.seq) : null, checkpoints, (n) => {
      options.onProgress?.(entries + n);
    });
    entries += result.entries;
    if (result.problem) {
      problems.push(result.problem);
    }
  }
  return { ok: problems.length === 0, firms: firmIds.length, entries, problems };
}

async function verifyChain(
  db: Db,
  firmId: string,
  headSeq: number | null,
  checkpoints: Checkpoint[],
  onProgress: (entries: number) => void,
): Promise<{ entries: number; problem: ChainProblem | null }> {
  const checkpointBySeq = new Map(checkpoints.map((c) => [c.seq, c]));
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let lastSeq = 0;
  let entries = 0;
  const fail = (kind: ChainProblemKind, seq: number, entryId: string | null, message: string) => ({
    entries,
    problem: { firmId, kind, seq, entryId, message },
  });

  for (;;) {
    const rows = await db
      .selectFrom('auditEvents')
      .selectAll()
      .where('firmId', '=', firmId)
      .where('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const content: HashedContent = {
        id: row.id,
        firmId: row.firmId,
        seq,
        occurredAt: row.occurredAt.toISOString(),
        actorId: row.actorId,
        actorKind: row.actorKind,
        type: row.type,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        clientId: row.clientId,
        data: row.data,
        requestId: row.requestId,
        ip: row.ip,
        userAgent: row.userAgent,
      };
      const ownHashHolds = hashEntry(row.prevHash, content) === row.hash;
      if (seq !== expectedSeq) {
        return fail('removed', expectedSeq, null, `entry #${expectedSeq} is missing: the chain jumps from #${expectedSeq - 1} to #${seq} (${row.id})`);
      }
      if (row.prevHash !== prevHash) {
        const predecessor = await db
          .selectFrom('auditEvents')
          .select(['seq', 'id'])
          .where('firmId', '=', firmId)
          .where('hash', '=', row.prevHash)
          .executeTakeFirst();
        if (predecessor) {
          return fail('reordered', seq, row.id, `entry #${seq} (${row.id}) is out of order: it was written after #${Number(predecessor.seq)} (${predecessor.id}), not after #${seq - 1}`);
        }
        if (ownHashHolds) {
          return fail('removed', seq, row.id, `the entry before #${seq} (${row.id}) was removed or replaced: its link to #${seq - 1} is broken`);
        }
        return fail('altered', seq, row.id, `entry #${seq} (${row.id}) was altered: its content and links no longer match its hash`);
      }
      if (!ownHashHolds) {
        return fail('altered', seq, row.id, `entry #${seq} (${row.id}) was altered: its content (${row.type}) no longer matches its hash`);
      }
      const checkpoint = checkpointBySeq.get(seq);
      if (checkpoint && checkpoint.hash !== row.hash) {
        return fail('rewritten', seq, row.id, `entry #${seq} (${row.id}) does not match the checkpoint of ${checkpoint.at}: the chain was re-hashed from this entry or earlier`);
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      lastSeq = seq;
      entries += 1;
    }
    onProgress(entries);
    if (rows.length < BATCH) {
      break;
    }
  }
  if (headSeq !== null && headSeq > lastSeq) {
    return fail('removed', lastSeq + 1, null, `entries #${lastSeq + 1} to #${headSeq} were removed from the end of the chain`);
  }
  const beyond = checkpoints.filter((c) => c.seq > lastSeq).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) {
    return fail('removed', lastSeq + 1, null, `the checkpoint of ${beyond.at} records #${beyond.seq}, but the chain ends at #${lastSeq}: entries were removed`);
  }
  return { entries, problem: null };
}

/** Reads the checkpoint file (one JSON object a line); a missing file means no checkpoints yet. */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Checkpoint);
}

/**
 * Appends each firm's current chain head to the checkpoint file, outside the database, so that a
 * later re-hash of the whole chain no longer matches what was written here. Skips unchanged heads.
 */
export async function writeCheckpoint(db: Db, file: string, now: Date = new Date()): Promise<number> {
  const previous = new Map(readCheckpoints(file).map((c) => [c.firmId, c]));
  const heads = await db.selectFrom('auditChainHeads').selectAll().execute();
  const lines = heads
    .filter((h) => Number(h.seq) > 0 && previous.get(h.firmId)?.seq !== Number(h.seq))
    .map((h) => JSON.stringify({ at: now.toISOString(), firmId: h.firmId, seq: Number(h.seq), hash: h.hash } satisfies Checkpoint));
  if (lines.length > 0) {
    fs.appendFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  return lines.length;
}
