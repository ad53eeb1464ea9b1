/** Every TanStack Query key in one place, so invalidation after a change is easy to get right. */
export const queryKeys = {
  session: ['session'] as const,
  firm: ['firm'] as const,
  home: ['home'] as const,
  clients: ['clients'] as const,
  clientList: (q: string, status: string) => ['clients', 'list', { q, status }] as const,
  client: (id: string) => ['clients', 'detail', id] as const,
  users: ['users'] as const,
  userList: (filters: Record<string, string>) => ['users', 'list', filters] as const,
  user: (id: string) => ['users', 'detail', id] as const,
  invitations: ['invitations'] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
  audit: (filters: Record<string, string>) => ['audit', filters] as const,
  mfaEnrolment: ['mfa-enrolment'] as const,
  /** Everything about tasks: lists (board, table, queues), details and timelines. */
  tasks: ['tasks'] as const,
  taskLists: ['tasks', 'list'] as const,
  taskList: (filters: object) => ['tasks', 'list', filters] as const,
  /** The people, clients and workflows the tracker's filters offer (not refetched on every live change). */
  taskFilterOptions: ['tasks', 'filter-options'] as const,
  task: (id: string) => ['tasks', 'detail', id] as const,
  taskTimeline: (id: string) => ['tasks', 'timeline', id] as const,
  workflows: ['workflows'] as const,
  services: ['services'] as const,
  spotChecks: ['spot-checks'] as const,
  spotCheck: (month: string) => ['spot-checks', month] as const,
  savedViews: ['saved-views'] as const,
};
