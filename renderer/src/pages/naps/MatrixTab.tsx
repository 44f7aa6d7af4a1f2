import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { buildOutline } from '../../../../shared/naps/outline';
import { datedMeasurements } from '../../../../shared/naps/progress';
import { useRecordText } from '../../text/records-text';
import { UserText, useNapFormat } from './format';
import { StatusBadge } from './StatusBadge';
import { LateBadge } from './LateBadge';
import { useNap } from './useNap';

/** The whole plan as one table, the way action plans are printed: one row per action. */
export function MatrixTab() {
  const { t } = useTranslation(['naps', 'records']);
  const { nap, children } = useNap();
  const text = useRecordText();
  const format = useNapFormat();
  const outline = buildOutline(nap.fields.pillars, children);
  const actions = outline.flatMap((p) => p.objectives.flatMap((o) => o.actions));
  if (actions.length === 0) return <Text c="dimmed">{t('matrix.empty')}</Text>;
  const columns = 7;
  return (
    <Stack gap="sm">
      <Group justify="flex-end" className="nap-no-print">
        <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {t('matrix.print')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={880}>
        <Table withTableBorder withColumnBorders verticalSpacing="xs" className="nap-matrix">
          <caption className="nap-caption">
            <UserText value={nap.fields.title} fallback={text.title({})} /> — {t('matrix.caption')}
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{text.kind('nap.action')}</Table.Th>
              <Table.Th scope="col">{text.field('leadAgency')}</Table.Th>
              <Table.Th scope="col">{text.field('partnerAgencies')}</Table.Th>
              <Table.Th scope="col">{t('matrix.timeline')}</Table.Th>
              <Table.Th scope="col">{text.field('budgetAmount')}</Table.Th>
              <Table.Th scope="col">{t('matrix.indicators')}</Table.Th>
              <Table.Th scope="col">{text.field('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          {outline.map((p) => (
            <Table.Tbody key={p.pillar}>
              <Table.Tr className="nap-matrix-pillar">
                <Table.Th colSpan={columns} scope="colgroup">
                  {text.value('nap.objective', 'pillar', p.pillar)}
                </Table.Th>
              </Table.Tr>
              {p.objectives.map((o) => [
                <Table.Tr key={o.record.id} className="nap-matrix-objective">
                  <Table.Th colSpan={columns} scope="colgroup">
                    {text.kind('nap.objective')}: <UserText value={o.record.fields.title} fallback={t('outline.untitledObjective')} />
                  </Table.Th>
                </Table.Tr>,
                ...o.actions.map((a) => {
                  const f = a.record.fields;
                  return (
                    <Table.Tr key={a.record.id}>
                      <Table.Td>
                        <UserText value={f.description} fallback={t('outline.untitledAction')} />
                        {Array.isArray(f.resolutions) && f.resolutions.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('matrix.resolutions', { list: format.list((f.resolutions as number[]).map((n) => format.year(n))) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td dir="auto">{typeof f.leadAgency === 'string' && f.leadAgency ? f.leadAgency : '—'}</Table.Td>
                      <Table.Td>
                        {Array.isArray(f.partnerAgencies) && f.partnerAgencies.length > 0 ? (
                          <ul className="nap-plain-list">
                            {(f.partnerAgencies as string[]).map((p) => (
                              <li key={p} dir="auto">
                                {p}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        {f.start || f.end ? t('matrix.fromTo', { start: format.date(f.start), end: format.date(f.end) }) : '—'}
                      </Table.Td>
                      <Table.Td className="nap-number">{format.money(f.budgetAmount, f.budgetCurrency)}</Table.Td>
                      <Table.Td>
                        {a.indicators.length === 0
                          ? '—'
                          : a.indicators.map((i) => {
                              const latest = datedMeasurements(i.fields.measurements).at(-1);
                              return (
                                <div key={i.id} className="nap-matrix-indicator">
                                  <UserText value={i.fields.name} fallback={t('outline.untitledIndicator')} />
                                  <Text size="xs" c="dimmed">
                                    {t('matrix.indicatorLine', {
                                      baseline: format.number(i.fields.baselineValue),
                                      baselineYear: format.year(i.fields.baselineYear),
                                      target: format.number(i.fields.targetValue),
                                      targetYear: format.year(i.fields.targetYear),
                                    })}
                                    {latest ? ` · ${t('matrix.latest', { value: format.number(latest.value), date: format.date(latest.date) })}` : ''}
                                  </Text>
                                </div>
                              );
                            })}
                      </Table.Td>
                      <Table.Td>
                        {typeof f.status === 'string' ? <StatusBadge kind="nap.action" value={f.status} /> : '—'}
                        <LateBadge fields={f} />
                      </Table.Td>
                    </Table.Tr>
                  );
                }),
              ])}
            </Table.Tbody>
          ))}
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
