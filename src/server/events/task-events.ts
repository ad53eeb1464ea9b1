import { EventEmitter } from 'node:events';

/** A task changed; published only after the change committed. */
export interface TaskChange {
  firmId: string;
  clientId: string;
  taskId: string;
  status: string;
  version: number;
  type: string;
  actorId: string | null;
}

/**
 * The in-process fan-out of task changes to open event streams (server-sent events). One process
 * serves the embedded database; several processes behind a load balancer would relay through
 * PostgreSQL LISTEN/NOTIFY (SPEC 6), which this bus is the local end of.
 */
class TaskEventBus extends EventEmitter {
  publish(change: TaskChange): void {
    this.emit('change', change);
  }

  subscribe(listener: (change: TaskChange) => void): () => void {
    this.on('change', listener);
    return () => this.off('change', listener);
  }
}

export const taskEvents = new TaskEventBus();
taskEvents.setMaxListeners(10_000);
