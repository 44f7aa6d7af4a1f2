import type { RouteObject } from 'react-router';
import { PrintPage } from './PrintPage';

/** A document as it prints: `print/nap/:id?lang=fr`, `print/actions?status=open&owners=0`. */
export const printRoutes: RouteObject[] = [
  { path: 'print/:type', element: <PrintPage /> },
  { path: 'print/:type/:id', element: <PrintPage /> },
];
