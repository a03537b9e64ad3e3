import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  AlarmPrefill,
  Assignee,
  CancelBody,
  CreateOrderBody,
  DispatchBody,
  FeedbackBody,
  FiguresQuery,
  NoteBody,
  OrderListQuery,
  PhotoUploaded,
  ReportBody,
  SafetyFigures,
  SlaSettings,
  VerifyBody,
  WorkOrder,
  WorkOrderDetail,
} from '../../../contract/safety.ts';
import { onReplica, type Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { safetyFigures } from './safety.figures.ts';
import { alarmPrefill, createOrder, reportHazard } from './safety.order-intake.ts';
import {
  acceptOrder,
  cancelOrder,
  dispatchOrder,
  feedbackOrder,
  verifyOrder,
} from './safety.order-workflow.ts';
import { getOrder, getSla, listAssignees, listOrders, setSla } from './safety.orders.ts';
import { safetyPatrolRoutes } from './safety.patrols.routes.ts';
import { PHOTO_MAX_BYTES, readPhoto, uploadPhoto } from './safety.photos.ts';
import { safetyRegisterRoutes } from './safety.registers.routes.ts';

const tags = ['safety'];
const viewers = ['safety.read', 'safety.handle', 'safety.report'] as const;

export function safetyRoutes(app: App, deps: Deps): void {
  // ---- work orders ----
  app.get(
    '/api/safety/work-orders',
    {
      config: { permission: viewers },
      schema: {
        tags,
        summary: 'Work orders the viewer may see (staff: the street; handlers: own; residents: own reports)',
        querystring: OrderListQuery,
        response: { 200: pageOf(WorkOrder) },
      },
    },
    (req) => listOrders(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/safety/work-orders',
    {
      config: { permission: 'safety.dispatch' },
      schema: {
        tags,
        summary:
          'Open a work order from an alarm (prefilled; one open order per alarm), a 12345 ticket or by hand',
        body: CreateOrderBody,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => createOrder(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/safety/work-orders/:id',
    {
      config: { permission: viewers },
      schema: {
        tags,
        summary: 'One work order with its timeline, photos and the viewer’s actions',
        params: IdParams,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => getOrder(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/safety/work-orders/:id/dispatch',
    {
      config: { permission: 'safety.dispatch' },
      schema: {
        tags,
        summary: '派单: assign (or reassign) a handler',
        params: IdParams,
        body: DispatchBody,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => dispatchOrder(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/safety/work-orders/:id/accept',
    {
      config: { permission: 'safety.handle' },
      schema: {
        tags,
        summary: '接单: the assignee starts handling',
        params: IdParams,
        body: NoteBody,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => acceptOrder(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/safety/work-orders/:id/feedback',
    {
      config: { permission: 'safety.handle' },
      schema: {
        tags,
        summary: '反馈: what was done, closure code and photos',
        params: IdParams,
        body: FeedbackBody,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => feedbackOrder(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/safety/work-orders/:id/verify',
    {
      config: { permission: 'safety.dispatch' },
      schema: {
        tags,
        summary: '核查: close (closure code required) or send back',
        params: IdParams,
        body: VerifyBody,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => verifyOrder(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/safety/work-orders/:id/cancel',
    {
      config: { permission: 'safety.dispatch' },
      schema: {
        tags,
        summary: '撤销 with a reason',
        params: IdParams,
        body: CancelBody,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => cancelOrder(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/safety/reports',
    {
      config: { permission: 'safety.report' },
      schema: {
        tags,
        summary: 'A resident reports a hazard (becomes a work order)',
        body: ReportBody,
        response: { 200: WorkOrderDetail },
      },
    },
    (req) => reportHazard(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/safety/alarms/:id/prefill',
    {
      config: { permission: 'safety.dispatch' },
      schema: {
        tags,
        summary: 'What a work order from this alarm starts with',
        params: IdParams,
        response: { 200: AlarmPrefill },
      },
    },
    (req) => alarmPrefill(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/safety/assignees',
    {
      config: { permission: ['safety.dispatch', 'safety.manage'] },
      schema: {
        tags,
        summary: 'Handlers of the street with their open orders',
        response: { 200: pageOf(Assignee) },
      },
    },
    (req) => listAssignees(deps, ctxOf(req)),
  );
  app.get(
    '/api/safety/sla',
    {
      config: { permission: ['safety.read', 'safety.manage'] },
      schema: {
        tags,
        summary: 'Response and resolution deadlines per priority',
        response: { 200: SlaSettings },
      },
    },
    (req) => getSla(deps, ctxOf(req)),
  );
  app.put(
    '/api/safety/sla',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Set the street’s deadlines',
        body: SlaSettings,
        response: { 200: SlaSettings },
      },
    },
    (req) => setSla(deps, ctxOf(req), req.body.items),
  );

  // ---- photos ----
  app.post(
    '/api/safety/photos',
    {
      config: { permission: ['safety.handle', 'safety.report', 'safety.dispatch', 'safety.manage'] },
      schema: {
        tags,
        summary: 'Upload a photo (multipart field "file"; JPG/PNG/WebP by content, at most 5 MB)',
        consumes: ['multipart/form-data'],
        response: { 200: PhotoUploaded },
      },
    },
    async (req) => {
      const file = await req.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
      if (!file)
        throw new AppError('bad_request', undefined, {
          zh: '请选择要上传的照片',
          en: 'Choose a photo to upload',
        });
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(
            'payload_too_large',
            { maxBytes: PHOTO_MAX_BYTES },
            { zh: '照片不能超过 5 MB', en: 'A photo may be at most 5 MB' },
          );
        throw error;
      }
      return uploadPhoto(deps, ctxOf(req), { name: file.filename, data });
    },
  );
  app.get(
    '/api/safety/photos/:id',
    { config: { permission: viewers }, schema: { tags, summary: 'A safety photo', params: IdParams } },
    async (req, reply) => {
      const file = await readPhoto(deps, ctxOf(req), req.params.id);
      return sendDownload(reply, file.meta.name, file.meta.mime, file.data);
    },
  );

  safetyPatrolRoutes(app, deps);
  safetyRegisterRoutes(app, deps);

  // ---- figures ----
  app.get(
    '/api/safety/figures',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Work-order, response-time, false-alarm and patrol figures',
        querystring: FiguresQuery,
        response: { 200: SafetyFigures },
      },
    },
    (req) => safetyFigures(onReplica(deps), ctxOf(req), req.query.days),
  );
}
