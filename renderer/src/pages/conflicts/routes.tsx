import type { RouteObject } from 'react-router';

/** Edit conflicts to resolve, loaded when first opened. */
export const conflictRoutes: RouteObject[] = [{ path: 'conflicts', lazy: async () => ({ Component: (await import('./ConflictsPage')).ConflictsPage }) }];
