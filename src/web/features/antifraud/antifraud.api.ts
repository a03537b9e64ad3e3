/** 反诈 on the wire: watch list, visits, rounds, figures and audio lessons. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EntryBody,
  EntryDetail as EntryDetailSchema,
  Entry as EntrySchema,
  EntryPatch,
  Figures as FiguresSchema,
  LessonBody,
  Lesson as LessonSchema,
  LessonPatch,
  RoundBody,
  RoundDetail as RoundDetailSchema,
  Round as RoundSchema,
  VisitBody,
  Worker as WorkerSchema,
} from '../../../contract/antifraud.ts';
import { ApiError, api, type Page } from '../../api/client.ts';
import { currentLanguage, languageTag } from '../../i18n/index.ts';

export type Entry = z.infer<typeof EntrySchema>;
export type EntryDetail = z.infer<typeof EntryDetailSchema>;
export type Round = z.infer<typeof RoundSchema>;
export type RoundDetail = z.infer<typeof RoundDetailSchema>;
export type Figures = z.infer<typeof FiguresSchema>;
export type Lesson = z.infer<typeof LessonSchema>;
export type Worker = z.infer<typeof WorkerSchema>;

export interface EntryFilters {
  mine?: boolean;
  due?: boolean;
  tier?: Entry['tier'];
  source?: Entry['source'];
  workerId?: number;
}

const key = ['antifraud'] as const;

export function useEntries(filters: EntryFilters) {
  return useQuery({
    queryKey: [...key, 'entries', filters],
    queryFn: ({ signal }) =>
      api.get<Page<Entry>>(
        '/antifraud/entries',
        {
          mine: filters.mine ? 'true' : undefined,
          due: filters.due ? 'true' : undefined,
          tier: filters.tier,
          source: filters.source,
          workerId: filters.workerId,
        },
        { signal },
      ),
  });
}

export function useEntry(id: number | null) {
  return useQuery({
    queryKey: [...key, 'entry', id],
    queryFn: ({ signal }) => api.get<EntryDetail>(`/antifraud/entries/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

export function useWorkers(enabled = true) {
  return useQuery({
    queryKey: [...key, 'workers'],
    queryFn: ({ signal }) => api.get<Page<Worker>>('/antifraud/workers', undefined, { signal }),
    enabled,
  });
}

export function useRounds() {
  return useQuery({
    queryKey: [...key, 'rounds'],
    queryFn: ({ signal }) => api.get<Page<Round>>('/antifraud/rounds', undefined, { signal }),
  });
}

export function useRound(id: number | null) {
  return useQuery({
    queryKey: [...key, 'round', id],
    queryFn: ({ signal }) => api.get<RoundDetail>(`/antifraud/rounds/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

export function useFigures() {
  return useQuery({
    queryKey: [...key, 'figures'],
    queryFn: ({ signal }) => api.get<Figures>('/antifraud/figures', undefined, { signal }),
  });
}

export function useLessons() {
  return useQuery({
    queryKey: [...key, 'lessons'],
    queryFn: ({ signal }) => api.get<Page<Lesson>>('/antifraud/lessons', undefined, { signal }),
  });
}

function useAntifraudMutation<B, R>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const useCreateEntry = () =>
  useAntifraudMutation((body: z.input<typeof EntryBody>) =>
    api.post<EntryDetail>('/antifraud/entries', body),
  );
export const useUpdateEntry = () =>
  useAntifraudMutation(({ id, ...body }: z.input<typeof EntryPatch> & { id: number }) =>
    api.patch<EntryDetail>(`/antifraud/entries/${id}`, body),
  );
export const useDeleteEntry = () =>
  useAntifraudMutation((id: number) => api.delete<{ ok: true }>(`/antifraud/entries/${id}`));
export const useRecordVisit = () =>
  useAntifraudMutation(({ entryId, ...body }: z.input<typeof VisitBody> & { entryId: number }) =>
    api.post<EntryDetail>(`/antifraud/entries/${entryId}/visits`, body),
  );
export const useCreateRound = () =>
  useAntifraudMutation((body: z.input<typeof RoundBody>) => api.post<Round>('/antifraud/rounds', body));
export const useCreateLesson = () =>
  useAntifraudMutation((body: z.input<typeof LessonBody>) => api.post<Lesson>('/antifraud/lessons', body));
export const useUpdateLesson = () =>
  useAntifraudMutation(({ id, ...body }: z.input<typeof LessonPatch> & { id: number }) =>
    api.patch<Lesson>(`/antifraud/lessons/${id}`, body),
  );
export function useRecorder() {
  return useQuery({
    queryKey: [...key, 'recorder'],
    queryFn: ({ signal }) =>
      api.get<{ available: boolean; program: string }>('/antifraud/lessons/recorder', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}
export const useGenerateRecording = () =>
  useAntifraudMutation((id: number) => api.post<Lesson>(`/antifraud/lessons/${id}/recording`));
export const useUploadAudio = () =>
  useAntifraudMutation(({ id, file }: { id: number; file: File }) => uploadAudio(id, file));

/** Counting a play is fire-and-forget: the lesson plays whether or not the count arrives. */
export function countPlay(id: number): void {
  void api.post(`/antifraud/lessons/${id}/play`).catch(() => undefined);
}

export const audioUrl = (id: number) => `/api/antifraud/lessons/${id}/audio`;

function csrf(): string | null {
  const match = /(?:^|;\s*)gz_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** Audio upload: multipart, so not through the JSON client; errors come back as ApiError all the same. */
async function uploadAudio(id: number, file: File): Promise<Lesson> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = { 'Accept-Language': languageTag(currentLanguage()) };
  const token = csrf();
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(`/api/antifraud/lessons/${id}/audio`, {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as Partial<Lesson> & {
    code?: ApiError['code'];
    message?: string;
  };
  if (!response.ok)
    throw new ApiError({
      status: response.status,
      code: body.code ?? 'bad_request',
      message: body.message ?? '',
    });
  return body as Lesson;
}
