import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a page (a landmark-free <section> with an h2), the same on every page. */
export function Section(props: { title: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section">
      <Group gap="xs" mb="md">
        {props.icon}
        <Title order={2} size="h4">
          {props.title}
        </Title>
      </Group>
      {props.children}
    </Paper>
  );
}
