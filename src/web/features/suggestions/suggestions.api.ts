import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, ApiError, type Page } from '../../api/client.ts';
import { currentLanguage, languageTag } from '../../i18n/index.ts';
import type { StaffOption as StaffOptionSchema } from '../../../contract/households.ts';
import type {
  CollectionPoint as CollectionPointSchema,
  CreateMailboxBody as CreateMailboxBodySchema,
  CreateMilestoneBody as CreateMilestoneBodySchema,
  CreatePointBody as CreatePointBodySchema,
  CreateVisitBody as CreateVisitBodySchema,
  UpdateProjectBody as UpdateProjectBodySchema,
  UpdateTopicBody as UpdateTopicBodySchema,
  Visit as VisitSchema,
  HandlingUnit as HandlingUnitSchema,
  CreateProjectBody as CreateProjectBodySchema,
  CreateReplyBody as CreateReplyBodySchema,
  CreateSuggestionBody,
  CreateTopicBody as CreateTopicBodySchema,
  CreatedSuggestion as CreatedSuggestionSchema,
  Mailbox as MailboxSchema,
  Project as ProjectSchema,
  Reply as ReplySchema,
  SimilarSuggestion as SimilarSuggestionSchema,
  SuggestionDetail,
  SuggestionFigures,
  SuggestionItem,
  SuggestionSettings,
  SuggestionStatus,
  Topic as TopicSchema,
  TopicClusters as TopicClustersSchema,
} from '../../../contract/suggestions.ts';

export type { SuggestionDetail, SuggestionFigures, SuggestionItem, SuggestionSettings, SuggestionStatus };
export type Topic = z.infer<typeof TopicSchema>;
export type HandlingUnit = z.infer<typeof HandlingUnitSchema>;
export type Reply = z.infer<typeof ReplySchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type CollectionPoint = z.infer<typeof CollectionPointSchema>;
export type Mailbox = z.infer<typeof MailboxSchema>;
export type SimilarSuggestion = z.infer<typeof SimilarSuggestionSchema>;
export type CreatedSuggestion = z.infer<typeof CreatedSuggestionSchema>;
export type TopicClusters = z.infer<typeof TopicClustersSchema>;
export type Visit = z.infer<typeof VisitSchema>;
export type StaffOption = z.infer<typeof StaffOptionSchema>;

const key = ['suggestions'] as const;

export interface SuggestionListParams {
  q?: string;
  status?: string;
  topicId?: number;
  channel?: string;
  overdue?: boolean;
  mine?: boolean;
  limit: number;
  offset: number;
}

export function useSuggestions(params: SuggestionListParams) {
  return useQuery({
    queryKey: [...key, 'list', params],
    queryFn: ({ signal }) => api.get<Page<SuggestionItem>>('/suggestions', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSuggestion(id: number | null) {
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: ({ signal }) => api.get<SuggestionDetail>(`/suggestions/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

export function useSimilar(text: string) {
  return useQuery({
    queryKey: [...key, 'similar', text],
    queryFn: ({ signal }) =>
      api
        .post<{ items: SimilarSuggestion[] }>('/suggestions/similar', { text }, { signal })
        .then((r) => r.items),
    enabled: text.trim().length >= 4,
    staleTime: 60_000,
  });
}

export function useTopics() {
  return useQuery({
    queryKey: [...key, 'topics'],
    queryFn: ({ signal }) => api.get<Page<Topic>>('/suggestion-topics', undefined, { signal }),
  });
}

export function useReplies() {
  return useQuery({
    queryKey: [...key, 'replies'],
    queryFn: ({ signal }) => api.get<Page<Reply>>('/suggestion-replies', undefined, { signal }),
  });
}

export function useProjects() {
  return useQuery({
    queryKey: [...key, 'projects'],
    queryFn: ({ signal }) => api.get<Page<Project>>('/suggestion-projects', undefined, { signal }),
  });
}

export function usePoints() {
  return useQuery({
    queryKey: [...key, 'points'],
    queryFn: ({ signal }) => api.get<Page<CollectionPoint>>('/suggestion-points', undefined, { signal }),
  });
}

export function useMailboxes() {
  return useQuery({
    queryKey: [...key, 'mailboxes'],
    queryFn: ({ signal }) => api.get<Page<Mailbox>>('/suggestion-mailboxes', undefined, { signal }),
  });
}

export function useVisits() {
  return useQuery({
    queryKey: [...key, 'visits'],
    queryFn: ({ signal }) => api.get<Page<Visit>>('/suggestion-visits', undefined, { signal }),
  });
}

/** Staff users a suggestion can be assigned to (GET /api/staff). */
export function useStaffOptions(enabled = true) {
  return useQuery({
    queryKey: [...key, 'staff'],
    queryFn: ({ signal }) => api.get<Page<StaffOption>>('/staff', undefined, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useFigures() {
  return useQuery({
    queryKey: [...key, 'figures'],
    queryFn: ({ signal }) => api.get<SuggestionFigures>('/suggestions/figures', undefined, { signal }),
  });
}

export function useSettings() {
  return useQuery({
    queryKey: [...key, 'settings'],
    queryFn: ({ signal }) => api.get<SuggestionSettings>('/suggestion-settings', undefined, { signal }),
  });
}

export function useClusters(topicId: number | null) {
  return useQuery({
    queryKey: [...key, 'clusters', topicId],
    queryFn: ({ signal }) =>
      api.get<TopicClusters>(`/suggestion-topics/${topicId}/clusters`, undefined, { signal }),
    enabled: topicId !== null,
  });
}

/** Any change to suggestions refreshes every list and figure of the module. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key });
}

export function useCreateSuggestion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateSuggestionBody) => api.post<CreatedSuggestion>('/suggestions', body),
    onSuccess: invalidate,
  });
}

export type StepAction = 'accept' | 'assign' | 'handle' | 'answer' | 'redirect' | 'merge' | 'rate';

export function useStep() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: StepAction; body: Record<string, unknown> }) =>
      api.post<SuggestionDetail>(`/suggestions/${id}/${action}`, body),
    onSuccess: invalidate,
  });
}

export function useCreateReply() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateReplyBodySchema>) => api.post<Reply>('/suggestion-replies', body),
    onSuccess: invalidate,
  });
}

export function useCreateProject() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateProjectBodySchema>) =>
      api.post<Project>('/suggestion-projects', body),
    onSuccess: invalidate,
  });
}

export function useCreateTopic() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateTopicBodySchema>) => api.post<Topic>('/suggestion-topics', body),
    onSuccess: invalidate,
  });
}

export function useCollectMailbox() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, letters, note }: { id: number; letters: number; note?: string }) =>
      api.post(`/suggestion-mailboxes/${id}/collections`, { letters, ...(note ? { note } : {}) }),
    onSuccess: invalidate,
  });
}

export function useCreatePoint() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof CreatePointBodySchema>) =>
      api.post<CollectionPoint>('/suggestion-points', body),
    onSuccess: invalidate,
  });
}

export function useCreateMailbox() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateMailboxBodySchema>) =>
      api.post<Mailbox>('/suggestion-mailboxes', body),
    onSuccess: invalidate,
  });
}

export function useCreateVisit() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateVisitBodySchema>) => api.post<Visit>('/suggestion-visits', body),
    onSuccess: invalidate,
  });
}

export function useUpdateTopic() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number } & z.input<typeof UpdateTopicBodySchema>) =>
      api.patch<Topic>(`/suggestion-topics/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useUpdateProject() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number } & z.input<typeof UpdateProjectBodySchema>) =>
      api.patch<Project>(`/suggestion-projects/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useAddMilestone() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number } & z.input<typeof CreateMilestoneBodySchema>) =>
      api.post<Project>(`/suggestion-projects/${id}/milestones`, body),
    onSuccess: invalidate,
  });
}

export function useSetMilestoneDone() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, milestoneId, done }: { id: number; milestoneId: number; done: boolean }) =>
      api.patch<Project>(`/suggestion-projects/${id}/milestones/${milestoneId}`, { done }),
    onSuccess: invalidate,
  });
}

export function useSaveSettings() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: SuggestionSettings) => api.put<SuggestionSettings>('/suggestion-settings', body),
    onSuccess: invalidate,
  });
}

function csrf(): string | null {
  const match = /(?:^|;\s*)gz_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** Photo upload: multipart, so not through the JSON client; errors come back as ApiError all the same. */
export async function uploadPhoto(id: number, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = { 'Accept-Language': languageTag(currentLanguage()) };
  const token = csrf();
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(`/api/suggestions/${id}/attachments`, {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: ApiError['code']; message?: string };
    throw new ApiError({
      status: response.status,
      code: body.code ?? 'bad_request',
      message: body.message ?? '',
    });
  }
}

/** The street's handling units (承办单位) that assignment picks from. */
export function useHandlingUnits(enabled = true) {
  return useQuery({
    queryKey: [...key, 'units'],
    enabled,
    queryFn: ({ signal }) => api.get<Page<HandlingUnit>>('/suggestion-units', undefined, { signal }),
  });
}

export function useSaveHandlingUnit() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: { name?: string; active?: boolean } }) =>
      id === null
        ? api.post<HandlingUnit>('/suggestion-units', body)
        : api.patch<HandlingUnit>(`/suggestion-units/${id}`, body),
    onSuccess: invalidate,
  });
}
