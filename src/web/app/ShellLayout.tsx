import { AppShell } from './AppShell.tsx';
import { ElderModeProvider } from './elder/ElderModeProvider.tsx';
import { ShellFrame } from './elder/ShellFrame.tsx';
import { RequireAuth } from './RequireAuth.tsx';

/**
 * The signed-in frame around every page of the app (menu, header, elder mode). The router loads
 * it lazily: the sign-in page, a phone's first page, never downloads the shell.
 */
export function ShellLayout() {
  return (
    <RequireAuth>
      <ElderModeProvider>
        <AppShell>
          <ShellFrame />
        </AppShell>
      </ElderModeProvider>
    </RequireAuth>
  );
}
