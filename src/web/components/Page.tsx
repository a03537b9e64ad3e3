import type { ReactNode } from 'react';
import { usePageTitle } from './usePageTitle.ts';

interface PageProps {
  title: string;
  /** Buttons shown beside the heading (e.g. "新建"). */
  actions?: ReactNode;
  /** One short paragraph under the heading explaining what the page is for. */
  intro?: ReactNode;
  children: ReactNode;
}

/** Every page inside the shell: one `<h1>`, the document title, and a consistent header row. */
export function Page({ title, actions, intro, children }: PageProps) {
  usePageTitle(title);
  return (
    <div className="gz-page">
      <div className="gz-page-header">
        <h1 className="gz-page-title">{title}</h1>
        {actions ? <div className="gz-page-actions">{actions}</div> : null}
      </div>
      {intro ? <p className="gz-page-intro">{intro}</p> : null}
      {children}
    </div>
  );
}
