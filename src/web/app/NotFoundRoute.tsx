import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { StandaloneLayout } from '../components/StandaloneLayout.tsx';
import { NotFoundPage } from '../features/errors/NotFoundPage.tsx';
import { AppShell } from './AppShell.tsx';
import { MeContext, useMeQuery } from './session.ts';

/** Unknown address: inside the shell for a signed-in user, on a plain page for everyone else. */
export function NotFoundRoute() {
  const { data: me, isPending } = useMeQuery();
  if (isPending) return <FullPageSpin />;
  if (me) {
    return (
      <MeContext value={me}>
        <AppShell>
          <NotFoundPage signedIn />
        </AppShell>
      </MeContext>
    );
  }
  return (
    <StandaloneLayout>
      <NotFoundPage signedIn={false} />
    </StandaloneLayout>
  );
}
