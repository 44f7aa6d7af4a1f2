import { Autocomplete, createTheme, MultiSelect, Select, TagsInput, type CSSVariablesResolver } from '@mantine/core';
import { foldedOptionsFilter } from '../text/options-filter';

/** System fonts only (the app makes no network request); Noto covers Arabic and Chinese on Linux. */
export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white text on filled buttons and the active link above 4.5:1 in both themes.
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
  headings: { fontWeight: '650' },
  // No sliding and fading for people who asked their system for less motion.
  respectReducedMotion: true,
  // Every picker narrows its options by the same folding as the search (case, accents, Arabic letters).
  components: {
    Select: Select.extend({ defaultProps: { filter: foldedOptionsFilter } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { filter: foldedOptionsFilter } }),
    Autocomplete: Autocomplete.extend({ defaultProps: { filter: foldedOptionsFilter } }),
    TagsInput: TagsInput.extend({ defaultProps: { filter: foldedOptionsFilter } }),
  },
});

/**
 * Mantine's default "dimmed" grey is below the WCAG AA contrast ratio for small text (about 3.3:1
 * on white); hints, descriptions and
 * field errors use darker shades in light mode and lighter ones in dark mode.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[6],
    '--mantine-color-error': t.colors.red[9],
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-placeholder': t.colors.dark[2],
    '--mantine-color-error': t.colors.red[5],
  },
});
