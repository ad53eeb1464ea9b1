import { dueDate, periodsEndedBy, type Period } from '../../../domain/tasks/schedule';
import type { RequestContext } from '../../context';
import type { Trx } from '../../db/database';
import { recordAudit } from '../../audit/record-audit';
import { newId } from '../../ids';
import * as repo from './services.repository';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const INSERT_BATCH = 1000;

/** "Mar 2026", "Q1 2026" or "FY 2026": how a period reads in a task title. */
export function periodLabel(period: Period): string {
  if (/^\d{4}-\d{2}$/.test(period.key)) {
    return `${MONTHS[Number(period.key.slice(5)) - 1] ?? ''} ${period.key.slice(0, 4)}`;
  }
  if (period.key.includes('-Q')) {
    return `${period.key.slice(5)} ${period.key.slice(0, 4)}`;
  }
  return `FY ${period.key}`;
}

/**
 * Creates the task of every period that has ended by `asOf` for every active service of a firm.
 * Idempotent: the unique (service, period) index makes a second run insert nothing. Runs in the
 * caller's transaction and records one audit entry for a run that created tasks.
 */
export async function generateTasks(trx: Trx, ctx: RequestContext, firmId: string, asOf: string): Promise<{ created: number; services: number }> {
  const services = await repo.listActiveServicesWithWorkflow(trx, firmId);
  const holidays = new Set((await repo.listHolidays(trx, firmId)).map((h) => h.date));
  const now = ctx.now();
  let created = 0;
  let batch: Parameters<typeof repo.insertGeneratedTasks>[1] = [];
  for (const service of services) {
    for (const period of periodsEndedBy(service.frequency, service.startsOn, asOf)) {
      batch.push({
        id: newId(),
        firmId,
        clientId: service.clientId,
        workflowId: service.workflowId,
        serviceId: service.id,
        period: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        title: `${service.workflowName} — ${periodLabel(period)}`,
        status: 'not_started',
        preparerId: service.preparerId,
        reviewerId: service.reviewerId,
        preparedBy: '[]',
        dueOn: dueDate(period.end, service.dueRule, holidays),
        priority: service.priority,
        estimatedMinutes: service.estimatedMinutes,
        actualMinutes: null,
        blockedReason: null,
        blockedOn: null,
        blockedFromStatus: null,
        blockedAt: null,
        checklistTemplateId: null,
        checklistVersion: null,
        startedAt: null,
        submittedAt: null,
        firstSubmittedAt: null,
        approvedAt: null,
        approvedBy: null,
        closedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      if (batch.length >= INSERT_BATCH) {
        created += await repo.insertGeneratedTasks(trx, batch);
        batch = [];
      }
    }
  }
  created += await repo.insertGeneratedTasks(trx, batch);
  if (created > 0) {
    await recordAudit(trx, ctx, firmId, { type: 'tasks.generated', subjectType: 'firm', data: { asOf, created, services: services.length } }, { id: firmId });
  }
  return { created, services: services.length };
}
