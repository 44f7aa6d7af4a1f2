import type { RouteObject } from 'react-router';

/** Written statements, comments and recommendations: the list and one statement's editor, each loaded when first opened. */
export const statementRoutes: RouteObject[] = [
  { path: 'statements', lazy: async () => ({ Component: (await import('./StatementsPage')).StatementsPage }) },
  { path: 'statements/:id', lazy: async () => ({ Component: (await import('./StatementEditorPage')).StatementEditorPage }) },
];
