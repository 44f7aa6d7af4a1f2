import type { RouteObject } from 'react-router';

const PrintPage = async () => ({ Component: (await import('./PrintPage')).PrintPage });

/** A document as it prints: `print/nap/:id?lang=fr`, `print/actions?status=open&owners=0`. */
export const printRoutes: RouteObject[] = [
  { path: 'print/:type', lazy: PrintPage },
  { path: 'print/:type/:id', lazy: PrintPage },
];
