import { PortalHome } from '../../../contract/portal.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { portalHome } from './portal.service.ts';

export function portalRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/portal/home',
    {
      config: { permission: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: "A resident's home: everything that concerns the household, from every module",
        response: { 200: PortalHome },
      },
    },
    (req) => portalHome(deps, ctxOf(req)),
  );
}
