import type { ComponentType } from 'react';
import { lazy } from 'react';

/**
 * A screen whose code is fetched the first time it is shown, in a chunk of
 * its own: opening a campaign, the app's heaviest screen, then waits for
 * none of the others. The nearest <Suspense> shows while it loads.
 */
export function lazyScreen<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
