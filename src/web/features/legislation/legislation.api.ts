import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Page } from '../../api/client.ts';
import type {
  ConsolidatedReport,
  ConsultationEvent as EventSchema,
  DraftNode as DraftNodeType,
  DraftSummary as DraftSummarySchema,
  DraftTree as DraftTreeSchema,
  Figures as FiguresSchema,
  ImportedDraft as ImportedDraftSchema,
  Opinion,
  OpinionKind,
  Outcome,
} from '../../../contract/legislation.ts';

export type {
  ConsolidatedReport,
  DraftArticle,
  DraftNode,
  Opinion,
  OpinionKind,
  Outcome,
} from '../../../contract/legislation.ts';
export type DraftSummary = z.infer<typeof DraftSummarySchema>;
export type DraftTree = Omit<z.infer<typeof DraftTreeSchema>, 'nodes'> & {
  nodes: DraftNodeType[];
};
export type Figures = z.infer<typeof FiguresSchema>;
export type ImportedDraft = z.infer<typeof ImportedDraftSchema>;
export type ConsultationEvent = z.infer<typeof EventSchema>;

const root = ['legislation'] as const;

export function useFigures() {
  return useQuery({
    queryKey: [...root, 'figures'],
    queryFn: ({ signal }) => api.get<Figures>('/legislation/figures', undefined, { signal }),
  });
}

export function useDrafts() {
  return useQuery({
    queryKey: [...root, 'drafts'],
    queryFn: ({ signal }) => api.get<Page<DraftSummary>>('/legislation/drafts', { limit: 200 }, { signal }),
  });
}

export function useDraft(id: number) {
  return useQuery({
    queryKey: [...root, 'draft', id],
    queryFn: ({ signal }) => api.get<DraftTree>(`/legislation/drafts/${id}`, undefined, { signal }),
  });
}

/** Consultation events, newest first; with `draftId`, only the events that covered that draft. */
export function useEvents(draftId?: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...root, 'events', draftId ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<ConsultationEvent>>(
        '/legislation/events',
        { limit: 100, ...(draftId ? { draftId } : {}) },
        { signal },
      ),
  });
}

export function useMyOpinions() {
  return useQuery({
    queryKey: [...root, 'mine'],
    queryFn: ({ signal }) => api.get<Page<Opinion>>('/legislation/opinions/mine', undefined, { signal }),
  });
}

export function usePendingOpinions(draftId: number, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...root, 'pending', draftId],
    queryFn: ({ signal }) =>
      api.get<Page<Opinion>>(
        '/legislation/opinions',
        { draftId, moderation: 'pending', limit: 200 },
        { signal },
      ),
  });
}

export function useReport(draftId: number) {
  return useQuery({
    queryKey: [...root, 'report', draftId],
    queryFn: ({ signal }) =>
      api.get<ConsolidatedReport>(`/legislation/drafts/${draftId}/report`, undefined, { signal }),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: root });
}

export function useImportDraft() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { title?: string; text: string }) =>
      api.post<ImportedDraft>('/legislation/drafts', body),
    onSuccess: invalidate,
  });
}

export interface OpinionInput {
  articleId?: number;
  paragraph?: number;
  item?: number;
  kind: OpinionKind;
  text: string;
  reason?: string;
  anonymous: boolean;
}

export function useSubmitOpinion(draftId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: OpinionInput) => api.post<Opinion>(`/legislation/drafts/${draftId}/opinions`, body),
    onSuccess: invalidate,
  });
}

export function useModerate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { ids: number[]; decision: 'accepted' | 'rejected'; note?: string }) =>
      api.post<{ changed: number }>('/legislation/opinions/moderation', body),
    onSuccess: invalidate,
  });
}

export function useSetOutcome() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { ids: number[]; outcome: Outcome; note?: string }) =>
      api.post<{ changed: number }>('/legislation/opinions/outcome', body),
    onSuccess: invalidate,
  });
}

export function useSubmitReport(draftId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { submittedTo: string; note?: string }) =>
      api.post<{ id: number }>(`/legislation/drafts/${draftId}/submissions`, body),
    onSuccess: invalidate,
  });
}

export function reportFileUrl(draftId: number, format: 'docx' | 'pdf'): string {
  return `/api/legislation/drafts/${draftId}/report/file?format=${format}`;
}

export interface CreateEventInput {
  title: string;
  heldOn: string;
  mode: 'offline' | 'online';
  place?: string;
  organiser: string;
  draftIds: number[];
  attendance: number;
  registered: string[];
  materials?: string;
}

export function useCreateEvent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateEventInput) => api.post<ConsultationEvent>('/legislation/events', body),
    onSuccess: invalidate,
  });
}

/** One opinion as a 信息员 enters it from a paper form or meeting notes; no name means anonymous. */
export interface RecordedOpinionInput {
  articleId?: number;
  paragraph?: number;
  item?: number;
  kind: OpinionKind;
  text: string;
  reason?: string;
  authorName?: string;
}

export function useRecordOpinions(draftId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: {
      eventId?: number;
      channel: 'paper' | 'meeting';
      opinions: RecordedOpinionInput[];
    }) => api.post<{ changed: number }>(`/legislation/drafts/${draftId}/opinions/record`, body),
    onSuccess: invalidate,
  });
}
