import { useParams, type RouteObject } from 'react-router';
import { NapEditorPage } from './NapEditorPage';
import { NapsPage } from './NapsPage';

/** The NAP drafting workspace's screens. */
export const napRoutes: RouteObject[] = [
  { path: 'naps', element: <NapsPage /> },
  { path: 'naps/:id', element: <EditorRoute /> },
];

/** A fresh editor per plan: nothing of one plan's state carries over to the next. */
function EditorRoute() {
  const { id = '' } = useParams();
  return <NapEditorPage key={id} />;
}
