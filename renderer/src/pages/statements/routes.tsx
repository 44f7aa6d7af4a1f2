import type { RouteObject } from 'react-router';
import { StatementEditorPage } from './StatementEditorPage';
import { StatementsPage } from './StatementsPage';

/** Written statements, comments and recommendations: the list and one statement's editor. */
export const statementRoutes: RouteObject[] = [
  { path: 'statements', element: <StatementsPage /> },
  { path: 'statements/:id', element: <StatementEditorPage /> },
];
