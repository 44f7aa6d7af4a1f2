import type { RouteObject } from 'react-router';
import { NapsPage } from './NapsPage';

/** The NAP drafting workspace's screens. */
export const napRoutes: RouteObject[] = [{ path: 'naps', element: <NapsPage /> }];
