import { Kbd, Modal, Table, Text } from '@mantine/core';

export interface ShortcutsModalProps {
  opened: boolean;
  onClose: () => void;
}

export const RECONCILIATION_SHORTCUTS: ReadonlyArray<[keys: string[], what: string]> = [
  [['j', 'k'], 'Move down / up in the list'],
  [['h', 'l'], 'Switch to the bank / books list (also ← →)'],
  [['x', 'Space'], 'Select or unselect the line'],
  [['Enter'], 'Open or close the line’s details'],
  [['m'], 'Match the selection (or book an adjustment for bank lines alone)'],
  [['u'], 'Unmatch the line'],
  [['a'], 'Accept the line’s suggestion'],
  [['n'], 'Document the line (outstanding item note)'],
  [['/'], 'Search'],
  [['Esc'], 'Clear the selection'],
  [['?'], 'Show this list'],
];

/** The keyboard shortcuts of the reconciliation workspace. */
export function ShortcutsModal({ opened, onClose }: ShortcutsModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="md">
      <Table verticalSpacing={6} aria-label="Keyboard shortcuts">
        <Table.Tbody>
          {RECONCILIATION_SHORTCUTS.map(([keys, what]) => (
            <Table.Tr key={what}>
              <Table.Td w={130}>
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? (
                      <Text span c="dimmed" mx={4} fz="xs">
                        or
                      </Text>
                    ) : null}
                    <Kbd size="sm">{key}</Kbd>
                  </span>
                ))}
              </Table.Td>
              <Table.Td fz="sm">{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
