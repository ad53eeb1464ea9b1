import { sql, type Kysely } from 'kysely';

const statements = [
  `create table audit_events (
        id uuid primary key,
        firm_id uuid not null references firms(id),
        seq bigint not null,
        occurred_at timestamptz not null,
        actor_id uuid,
        actor_kind text not null check (actor_kind in ('user','system')),
        type text not null,
        subject_type text not null,
        subject_id text,
        client_id uuid,
        data jsonb not null,
        request_id text,
        ip text,
        user_agent text,
        prev_hash text not null,
        hash text not null,
        unique (firm_id, seq)
      )`,
  `create index audit_events_firm_time on audit_events (firm_id, occurred_at desc)`,
  `create index audit_events_firm_actor on audit_events (firm_id, actor_id, seq desc)`,
  `create index audit_events_firm_client on audit_events (firm_id, client_id, seq desc)`,
  `create table audit_chain_heads (
        firm_id uuid primary key references firms(id),
        seq bigint not null,
        hash text not null
      )`,
  `create function audit_events_refuse_change() returns trigger as $$
      begin
        raise exception 'audit_events is append-only: % refused', tg_op;
      end;
      $$ language plpgsql`,
  `create trigger audit_events_append_only
        before update or delete on audit_events
        for each row execute function audit_events_refuse_change()`,
  `create trigger audit_events_no_truncate
        before truncate on audit_events
        for each statement execute function audit_events_refuse_change()`,
];

/**
 * The audit log: append-only, one hash chain per firm. `audit_chain_heads` holds each chain's
 * latest sequence and hash; appending locks that row, so concurrent writers queue up and the
 * chain never forks. A trigger refuses UPDATE and DELETE on the events themselves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
