import { createTheme } from '@mantine/core';

/** System fonts only (the app makes no network request); Noto covers Arabic and Chinese on Linux. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
  headings: { fontWeight: '650' },
});
