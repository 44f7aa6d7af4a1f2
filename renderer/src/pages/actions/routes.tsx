import type { RouteObject } from 'react-router';
import { ActionsPage } from './ActionsPage';

/** Every action point, in a table or on a board. */
export const actionRoutes: RouteObject[] = [{ path: 'actions', element: <ActionsPage /> }];
