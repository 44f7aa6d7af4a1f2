import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ComponentType } from 'react';

/** What a page shows before it holds anything: what will live here, in plain words. */
export function EmptyState(props: { icon: ComponentType<{ size?: number; stroke?: number }>; title: string; body: string }) {
  const Icon = props.icon;
  return (
    <Paper withBorder p="xl" radius="md" className="empty-state">
      <Stack align="center" gap="sm" maw={560} mx="auto">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          <Icon size={30} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} size="h3" ta="center">
          {props.title}
        </Title>
        <Text ta="center" c="dimmed">
          {props.body}
        </Text>
      </Stack>
    </Paper>
  );
}
