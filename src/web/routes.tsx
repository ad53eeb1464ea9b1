import { createBrowserRouter } from 'react-router';
import { AppLayout } from './app/AppLayout';
import { RequireSession } from './app/RequireSession';
import { PageLoader } from './components/PageLoader';
import { NotFoundPage } from './app/NotFoundPage';
import { RouteErrorPage } from './app/RouteErrorPage';

/**
 * Every page of the app. Pages are loaded on demand; those under RequireSession need a signed-in
 * person, and those under AppLayout also need two-step verification set up when the firm requires it.
 */
export const router = createBrowserRouter([
  {
    HydrateFallback: FullScreenLoader,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/sign-in', lazy: async () => ({ Component: (await import('./features/auth/SignInPage')).SignInPage }) },
      { path: '/invitation/:token', lazy: async () => ({ Component: (await import('./features/auth/AcceptInvitationPage')).AcceptInvitationPage }) },
      {
        element: <RequireSession />,
        children: [
          { path: '/account/mfa', lazy: async () => ({ Component: (await import('./features/auth/MfaEnrolmentPage')).MfaEnrolmentPage }) },
          {
            element: <AppLayout />,
            children: [
              {
                errorElement: <RouteErrorPage />,
                children: [
              { index: true, lazy: async () => ({ Component: (await import('./features/home/HomePage')).HomePage }) },
              { path: '/my-work', lazy: async () => ({ Component: (await import('./features/tasks/MyWorkPage')).MyWorkPage }) },
              { path: '/tasks', lazy: async () => ({ Component: (await import('./features/tasks/TaskListPage')).TaskListPage }) },
              { path: '/tasks/:id', lazy: async () => ({ Component: (await import('./features/tasks/TaskDetailPage')).TaskDetailPage }) },
              { path: '/tasks/:id/reconciliation', lazy: async () => ({ Component: (await import('./features/reconciliation/ReconciliationPage')).TaskReconciliationPage }) },
              { path: '/reconciliations/:id', lazy: async () => ({ Component: (await import('./features/reconciliation/ReconciliationPage')).ReconciliationByIdPage }) },
              { path: '/bank-accounts/:id', lazy: async () => ({ Component: (await import('./features/bank-accounts/BankAccountPage')).BankAccountPage }) },
              { path: '/spot-checks', lazy: async () => ({ Component: (await import('./features/spot-checks/SpotChecksPage')).SpotChecksPage }) },
              { path: '/workflows', lazy: async () => ({ Component: (await import('./features/workflows/WorkflowsPage')).WorkflowsPage }) },
              { path: '/clients', lazy: async () => ({ Component: (await import('./features/clients/ClientListPage')).ClientListPage }) },
              { path: '/clients/:id', lazy: async () => ({ Component: (await import('./features/clients/ClientDetailPage')).ClientDetailPage }) },
              { path: '/account', lazy: async () => ({ Component: (await import('./features/auth/AccountPage')).AccountPage }) },
              { path: '/admin/users', lazy: async () => ({ Component: (await import('./features/users/UsersPage')).UsersPage }) },
              { path: '/admin/users/:id', lazy: async () => ({ Component: (await import('./features/users/UserDetailPage')).UserDetailPage }) },
              { path: '/admin/settings', lazy: async () => ({ Component: (await import('./features/settings/FirmSettingsPage')).FirmSettingsPage }) },
              { path: '/admin/reconciliation-rules', lazy: async () => ({ Component: (await import('./features/reconciliation/RulesPage')).RulesPage }) },
              { path: '/admin/audit', lazy: async () => ({ Component: (await import('./features/audit/AuditLogPage')).AuditLogPage }) },
              { path: '*', Component: NotFoundPage },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);

function FullScreenLoader() {
  return <PageLoader fullScreen />;
}
