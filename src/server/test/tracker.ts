import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/database';
import type { TaskAction } from '../../domain/tasks/task-states';
import type { TaskDetailDto, TransitionBody } from '../../shared/tasks';
import type { HttpClient } from './test-app';
import { multipartFile, SMALL_PDF } from './multipart';

/**
 * Helpers that move tasks through the tracker's real HTTP API, for tests whose subject is
 * something else (a route's authorization, a spot-check) but that need a task in some state.
 */

export async function taskVersion(db: Db, taskId: string): Promise<number> {
  const row = await db.selectFrom('tasks').select('version').where('id', '=', taskId).executeTakeFirstOrThrow();
  return row.version;
}

/** Sends one transition at the task's current version. */
export async function transition(http: HttpClient, db: Db, taskId: string, action: TaskAction, extra: Omit<TransitionBody, 'action' | 'version'> = {}): Promise<LightMyRequestResponse> {
  return http.post(`/tasks/${taskId}/transitions`, {
    action,
    version: await taskVersion(db, taskId),
    ...extra,
  });
}

/** Like `transition`, but a refusal fails the test with the server's explanation. */
export async function mustTransition(http: HttpClient, db: Db, taskId: string, action: TaskAction, extra: Omit<TransitionBody, 'action' | 'version'> = {}): Promise<TaskDetailDto> {
  return ok(await transition(http, db, taskId, action, extra), `${action} ${taskId}`);
}

/** Uploads a small PDF to a task as `http` (the preparer) and answers the document id. */
export async function uploadPdf(http: HttpClient, taskId: string, filename = 'evidence.pdf'): Promise<string> {
  const { payload, headers } = multipartFile(filename, SMALL_PDF, {
    contentType: 'application/pdf',
  });
  return ok<{ id: string }>(await http.post(`/tasks/${taskId}/documents`, payload, headers), `upload to ${taskId}`).id;
}

/** Completes every open checklist item of a started task with the evidence it asks for. */
export async function completeChecklist(http: HttpClient, taskId: string): Promise<TaskDetailDto> {
  let task = ok<TaskDetailDto>(await http.get(`/tasks/${taskId}`), `read ${taskId}`);
  for (const item of task.checklistItems.filter((i) => i.completedAt === null)) {
    const evidence =
      item.evidence === 'note'
        ? { note: 'Checked against the source.' }
        : item.evidence === 'figure'
          ? { figure: '1234.56' }
          : item.evidence === 'attachment'
            ? { documentId: await uploadPdf(http, taskId, `${item.key}.pdf`) }
            : {};
    task = ok(
      await http.put(`/tasks/${taskId}/checklist/${item.id}`, {
        completed: true,
        version: item.version,
        ...evidence,
      }),
      `complete ${item.key}`,
    );
  }
  return task;
}

/**
 * Drives a not-started task forward through the API: the preparer starts it, completes the
 * checklist and submits; the reviewer approves and closes.
 */
export async function driveTask(db: Db, taskId: string, to: 'in_progress' | 'ready_for_review' | 'approved' | 'closed', people: { preparer: HttpClient; reviewer: HttpClient }): Promise<TaskDetailDto> {
  let task = await mustTransition(people.preparer, db, taskId, 'start');
  if (to === 'in_progress') {
    return task;
  }
  await completeChecklist(people.preparer, taskId);
  task = await mustTransition(people.preparer, db, taskId, 'submit');
  if (to === 'ready_for_review') {
    return task;
  }
  task = await mustTransition(people.reviewer, db, taskId, 'approve');
  if (to === 'approved') {
    return task;
  }
  return mustTransition(people.reviewer, db, taskId, 'close');
}

function ok<T = TaskDetailDto>(res: LightMyRequestResponse, what: string): T {
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  }
  return res.json<T>();
}
