import { useParams, type RouteObject } from 'react-router';

/** The NAP drafting workspace's screens, each loaded the first time it is opened. */
export const napRoutes: RouteObject[] = [
  { path: 'naps', lazy: async () => ({ Component: (await import('./NapsPage')).NapsPage }) },
  {
    path: 'naps/:id',
    lazy: async () => {
      const { NapEditorPage } = await import('./NapEditorPage');
      /** A fresh editor per plan: nothing of one plan's state carries over to the next. */
      function EditorRoute() {
        const { id = '' } = useParams();
        return <NapEditorPage key={id} />;
      }
      return { Component: EditorRoute };
    },
  },
];
