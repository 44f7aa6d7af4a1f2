import { Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Every page's h1; it also names the window, so the taskbar and screen readers say where you are. */
export function PageHeader(props: { title: string; subtitle?: string }) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${props.title} · ${appName}`;
  }, [props.title, appName]);
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} size="h2">
        {props.title}
      </Title>
      {props.subtitle && <Text c="dimmed">{props.subtitle}</Text>}
    </Stack>
  );
}
