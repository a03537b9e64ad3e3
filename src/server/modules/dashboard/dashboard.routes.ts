import {
  Comparison,
  Dashboard,
  DashboardQuery,
  ReportBody,
  ReportQueued,
} from '../../../contract/dashboard.ts';
import { onReplica, type Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { requestReport } from './dashboard.jobs.ts';
import * as dashboard from './dashboard.service.ts';

const tags = ['dashboard'];

export function dashboardRoutes(app: App, deps: Deps): void {
  const replica = onReplica(deps); // counting is read-only heavy work
  app.get(
    '/api/dashboard',
    {
      config: { permission: 'stats.read' },
      schema: {
        tags,
        summary: 'Whole-process dashboard of a street or one estate (全过程看板), counted from records',
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    (req) => dashboard.getDashboard(replica, ctxOf(req), req.query),
  );
  app.get(
    '/api/dashboard/compare',
    {
      config: { permission: 'stats.cross_tenant' },
      schema: {
        tags,
        summary: 'The granted streets side by side (district and city users)',
        response: { 200: Comparison },
      },
    },
    (req) => dashboard.compareStreets(replica, ctxOf(req)),
  );
  app.post(
    '/api/dashboard/reports',
    {
      config: { permission: 'stats.read' },
      schema: {
        tags,
        summary: 'Export a dashboard (or the comparison) to .xlsx or PDF, generated in the background',
        body: ReportBody,
        response: { 200: ReportQueued },
      },
    },
    (req) => requestReport(deps, ctxOf(req), req.body),
  );
}
