/**
 * The signed-in frame's code, its own chunk. The router loads it for every page behind sign-in;
 * the sign-in form asks for it as soon as someone starts filling it in, so on a slow network it
 * has arrived by the time they are signed in.
 */
export const loadShell = () => import('./ShellLayout.tsx');
