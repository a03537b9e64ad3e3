/** Renewal routes for each household's drawing versions and change requests (一户一图纸). */
import { IdParams } from '../../../contract/common.ts';
import { ChangeRequestBody, ConfirmBody, DrawingSet } from '../../../contract/renewal.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { readUpload } from '../../platform/uploads.ts';
import * as drawings from './drawings.service.ts';
import { HouseholdVersion, multipart } from './renewal.route-params.ts';

const tags = ['renewal'];

export function drawingRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/households/:id/drawings',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: {
        tags,
        summary: 'Drawing versions and change requests (一户一图纸)',
        params: IdParams,
        response: { 200: DrawingSet },
      },
    },
    (req) => drawings.listDrawings(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/households/:id/drawings',
    {
      config: { permission: 'drawing.upload' },
      schema: {
        tags,
        ...multipart,
        summary: 'Upload a drawing version (PDF/PNG/JPG/DWG ≤ 20 MB; fields comment, changeRequestId)',
        params: IdParams,
        response: { 200: DrawingSet },
      },
    },
    async (req) => {
      const { file, fields } = await readUpload(req, drawings.DRAWING_UPLOAD);
      return drawings.uploadDrawing(deps, ctxOf(req), req.params.id, file, fields);
    },
  );
  app.post(
    '/api/households/:id/drawings/:version/confirm',
    {
      config: { permission: 'drawing.confirm' },
      schema: {
        tags,
        summary: 'Confirm a drawing version',
        params: HouseholdVersion,
        body: ConfirmBody,
        response: { 200: DrawingSet },
      },
    },
    (req) => drawings.confirmDrawing(deps, ctxOf(req), req.params.id, req.params.version, req.body),
  );
  app.post(
    '/api/households/:id/drawing-changes',
    {
      config: { permission: 'drawing.request_change' },
      schema: {
        tags,
        summary: 'Request a change of the drawing',
        params: IdParams,
        body: ChangeRequestBody,
        response: { 200: DrawingSet },
      },
    },
    (req) => drawings.requestDrawingChange(deps, ctxOf(req), req.params.id, req.body.content),
  );
  app.get(
    '/api/drawings/:id/file',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: { tags, summary: 'The drawing file', params: IdParams },
    },
    async (req, reply) => {
      const file = await drawings.drawingFile(deps, ctxOf(req), req.params.id);
      return reply
        .header('content-type', file.meta.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.meta.name)}`)
        .send(file.data);
    },
  );
}
