import type { RouteObject } from 'react-router';

/** Exporting and importing bundles, loaded when first opened. */
export const bundleRoutes: RouteObject[] = [{ path: 'bundles', lazy: async () => ({ Component: (await import('./BundlesPage')).BundlesPage }) }];
