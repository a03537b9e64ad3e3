import { lazy, Suspense } from 'react';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { StandaloneLayout } from '../components/StandaloneLayout.tsx';
import { NotFoundPage } from '../features/errors/NotFoundPage.tsx';
import { MeContext, useMeQuery } from './session.ts';

// Loaded only for a signed-in user: the plain not-found page must not pull the whole shell in.
const AppShell = lazy(async () => ({ default: (await import('./AppShell.tsx')).AppShell }));

/** Unknown address: inside the shell for a signed-in user, on a plain page for everyone else. */
export function NotFoundRoute() {
  const { data: me, isPending } = useMeQuery();
  if (isPending) return <FullPageSpin />;
  if (me) {
    return (
      <MeContext value={me}>
        <Suspense fallback={<FullPageSpin />}>
          <AppShell>
            <NotFoundPage signedIn />
          </AppShell>
        </Suspense>
      </MeContext>
    );
  }
  return (
    <StandaloneLayout>
      <NotFoundPage signedIn={false} />
    </StandaloneLayout>
  );
}
