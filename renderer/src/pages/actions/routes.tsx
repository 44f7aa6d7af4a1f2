import type { RouteObject } from 'react-router';

/** Every action point, in a table or on a board (loaded when first opened). */
export const actionRoutes: RouteObject[] = [{ path: 'actions', lazy: async () => ({ Component: (await import('./ActionsPage')).ActionsPage }) }];
