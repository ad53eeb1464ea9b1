import { Tabs } from '@mantine/core';
import { IconCalendarRepeat, IconRoute } from '@tabler/icons-react';
import { useCurrentSession } from '../../app/use-session';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/use-url-filters';
import { ServicesPanel } from './components/ServicesPanel';
import { WorkflowsPanel } from './components/WorkflowsPanel';

/** The firm's method: workflow templates (steps by team, the checklist) and the services that schedule them per client. */
export function WorkflowsPage() {
  const session = useCurrentSession();
  const { values, setFilter } = useUrlFilters(['tab', 'workflow'] as const);
  const tab = values.tab === 'services' ? 'services' : 'workflows';
  const canManage = session.user.role === 'admin' || session.user.role === 'partner';

  return (
    <>
      <PageHeader
        title="Workflows"
        description="How each kind of recurring work is done (steps by team and the quality checklist), and which clients get it on what schedule."
      />
      <Tabs value={tab} onChange={(next) => setFilter({ tab: next === 'services' ? 'services' : null })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="workflows" leftSection={<IconRoute size={16} aria-hidden="true" />}>
            Workflow templates
          </Tabs.Tab>
          <Tabs.Tab value="services" leftSection={<IconCalendarRepeat size={16} aria-hidden="true" />}>
            Services
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="workflows">
          <WorkflowsPanel selectedKey={values.workflow} onSelect={(key) => setFilter({ workflow: key })} />
        </Tabs.Panel>
        <Tabs.Panel value="services">
          <ServicesPanel canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
