import { AppShell, Badge, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import {
  IconAddressBook,
  IconChecklist,
  IconFileText,
  IconGitMerge,
  IconLayoutDashboard,
  IconMessage2,
  IconPackages,
  IconSettings,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useEffect, useRef, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { Page } from '../../../shared/api/contract';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Notices } from '../components/Notices';
import { SearchButton } from '../components/search/SearchButton';
import { useAppState } from '../api/state';

const NAV: { page: Page; label: `nav.${Page}`; icon: ComponentType<{ size?: number; stroke?: number }> }[] = [
  { page: 'dashboard', label: 'nav.dashboard', icon: IconLayoutDashboard },
  { page: 'naps', label: 'nav.naps', icon: IconFileText },
  { page: 'meetings', label: 'nav.meetings', icon: IconUsersGroup },
  { page: 'actions', label: 'nav.actions', icon: IconChecklist },
  { page: 'statements', label: 'nav.statements', icon: IconMessage2 },
  { page: 'contacts', label: 'nav.contacts', icon: IconAddressBook },
  { page: 'bundles', label: 'nav.bundles', icon: IconPackages },
  { page: 'conflicts', label: 'nav.conflicts', icon: IconGitMerge },
  { page: 'settings', label: 'nav.settings', icon: IconSettings },
];

/** The frame every screen hangs in: header, navigation, and the page. */
export function Shell() {
  const { t } = useTranslation();
  const { api, conflictCount, dueCount } = useAppState();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const main = useRef<HTMLElement>(null);

  // The native menu (Electron) asks for pages through the core's event.
  useEffect(() => api.on('navigate', ({ page }) => void navigate(`/${page}`)), [api, navigate]);
  // The same shortcuts as the native menu, for the browser host.
  useHotkeys(NAV.map(({ page }, i) => [`mod+${i + 1}`, () => void navigate(`/${page}`)]));
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.label')} />
          <Text fw={700} size="lg">
            {t('app.name')}
          </Text>
          <Text size="sm" c="dimmed" visibleFrom="md">
            {t('app.tagline')}
          </Text>
          <Group ms="auto">
            <SearchButton onOpened={() => main.current?.focus()} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
        {NAV.map(({ page, label, icon: Icon }) => (
          <NavLink
            key={page}
            component={RouterLink}
            to={`/${page}`}
            label={t(label)}
            leftSection={<Icon size={20} stroke={1.6} />}
            rightSection={
              page === 'conflicts' && conflictCount > 0 ? (
                <Badge size="sm" color="orange.9" variant="filled" aria-label={t('conflictsBadge', { count: conflictCount })}>
                  {conflictCount}
                </Badge>
              ) : page === 'actions' && dueCount > 0 ? (
                <Badge size="sm" color="red.9" variant="filled" aria-label={t('dueBadge', { count: dueCount })}>
                  {dueCount}
                </Badge>
              ) : undefined
            }
            active={location.pathname === `/${page}`}
            variant="filled"
            aria-current={location.pathname === `/${page}` ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={main} tabIndex={-1}>
        <Notices />
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
