/** Opinion maps on the wire: maps, statements, one-at-a-time votes, the analysis. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Analysis as AnalysisSchema,
  BallotBody,
  BallotResult as BallotResultSchema,
  MapBody,
  MapDetail as MapDetailSchema,
  MapSummary as MapSummarySchema,
  NextStatement as NextStatementSchema,
  Statement as StatementSchema,
} from '../../../contract/opinion.ts';
import { api, type Page } from '../../api/client.ts';
import { useLiveEvent } from '../../api/live.ts';

export type MapSummary = z.infer<typeof MapSummarySchema>;
export type MapDetail = z.infer<typeof MapDetailSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type NextStatement = z.infer<typeof NextStatementSchema>;
export type Analysis = z.infer<typeof AnalysisSchema>;
export type BallotResult = z.infer<typeof BallotResultSchema>;
export type MapFilter = { topicId?: number; consultationId?: number; draftId?: number };

const key = ['opinion'] as const;

/** Refetches everything of the opinion maps when one changes (a vote counted, a statement moderated). */
export function useOpinionLive() {
  const queryClient = useQueryClient();
  useLiveEvent('opinion.map', () => void queryClient.invalidateQueries({ queryKey: key }));
}

export function useMaps(filter: MapFilter = {}, enabled = true) {
  return useQuery({
    queryKey: [...key, 'maps', filter],
    queryFn: ({ signal }) => api.get<Page<MapSummary>>('/opinion-maps', filter, { signal }),
    enabled,
  });
}

export function useMap(id: number) {
  return useQuery({
    queryKey: [...key, 'map', id],
    queryFn: ({ signal }) => api.get<MapDetail>(`/opinion-maps/${id}`, undefined, { signal }),
  });
}

export function useStatements(id: number) {
  return useQuery({
    queryKey: [...key, 'statements', id],
    queryFn: ({ signal }) =>
      api.get<Page<Statement>>(`/opinion-maps/${id}/statements`, undefined, { signal }),
  });
}

export function useAnalysis(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'analysis', id],
    queryFn: ({ signal }) => api.get<Analysis>(`/opinion-maps/${id}/analysis`, undefined, { signal }),
    enabled,
  });
}

export function useNext(id: number) {
  return useQuery({
    queryKey: [...key, 'next', id],
    queryFn: ({ signal }) => api.get<NextStatement>(`/opinion-maps/${id}/next`, undefined, { signal }),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key });
}

export function useCreateMap() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: MapBody) => api.post<MapDetail>('/opinion-maps', body),
    onSuccess: invalidate,
  });
}

export function useAddStatement(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (text: string) => api.post<Statement>(`/opinion-maps/${id}/statements`, { text }),
    onSuccess: invalidate,
  });
}

export function useModerate(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { statementId: number; status: 'approved' | 'rejected' }) =>
      api.post<Statement>(`/opinion-maps/${id}/statements/${v.statementId}/moderate`, { status: v.status }),
    onSuccess: invalidate,
  });
}

export function useVote(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { statementId: number; vote: 1 | -1 | 0 }) =>
      api.post<NextStatement>(`/opinion-maps/${id}/votes`, v),
    onSuccess: (next) => {
      queryClient.setQueryData([...key, 'next', id], next);
      void queryClient.invalidateQueries({ queryKey: [...key, 'map', id] });
    },
    // staff may have closed the map meanwhile (409): reload it so the page says so
    onError: () => void queryClient.invalidateQueries({ queryKey: [...key, 'map', id] }),
  });
}

/** Staff open or close the map to votes (a closed map keeps its analysis and report). */
export function useSetMapStatus(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (status: MapDetail['status']) =>
      api.post<MapDetail>(`/opinion-maps/${id}/status`, { status }),
    onSuccess: invalidate,
  });
}

/** Staff enter one paper card; the same reference entered again replaces that card's votes. */
export function useEnterBallot(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.infer<typeof BallotBody>) =>
      api.post<BallotResult>(`/opinion-maps/${id}/ballots`, body),
    onSuccess: invalidate,
  });
}
