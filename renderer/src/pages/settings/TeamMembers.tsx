import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../../shared/team/format';

/** Who writes to the team folder: this computer first, then the others by when they were last seen. */
export function TeamMembers(props: { members: TeamMember[]; moment(iso: string): ReactNode }) {
  const { t } = useTranslation('settings');
  if (props.members.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('team.noMembers')}
      </Text>
    );
  const members = [...props.members].sort(
    (a, b) => Number(b.me) - Number(a.me) || b.lastSeen.localeCompare(a.lastSeen),
  );
  return (
    <Table withTableBorder striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('team.memberName')}</Table.Th>
          <Table.Th>{t('team.memberOrganisation')}</Table.Th>
          <Table.Th>{t('team.memberLastSeen')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((member) => (
          <Table.Tr key={member.replicaId}>
            <Table.Td>
              <bdi>{member.name || t('team.unnamed')}</bdi>
              {member.me && <> {t('team.thisComputer')}</>}
            </Table.Td>
            <Table.Td>
              <bdi>{member.organisation || '—'}</bdi>
            </Table.Td>
            <Table.Td>{props.moment(member.lastSeen)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
