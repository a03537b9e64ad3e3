/** 红色议事厅 on the wire: topics, meetings, sign-in, resolutions, projects. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CheckInResult as CheckInResultSchema,
  Meeting as MeetingSchema,
  MeetingBody,
  MeetingSummary as MeetingSummarySchema,
  MinutesBody,
  Project as ProjectSchema,
  PublishedProject as PublishedProjectSchema,
  ResolutionBody,
  SignInLink as SignInLinkSchema,
  Topic as TopicSchema,
  TopicBody,
} from '../../../contract/council.ts';
import { api, type Page } from '../../api/client.ts';

export type Topic = z.infer<typeof TopicSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type PublishedProject = z.infer<typeof PublishedProjectSchema>;
export type SignInLink = z.infer<typeof SignInLinkSchema>;
export type CheckInResult = z.infer<typeof CheckInResultSchema>;

const key = ['council'] as const;

export function useTopics() {
  return useQuery({
    queryKey: [...key, 'topics'],
    queryFn: ({ signal }) => api.get<Page<Topic>>('/council/topics', undefined, { signal }),
  });
}

export function useMeetings() {
  return useQuery({
    queryKey: [...key, 'meetings'],
    queryFn: ({ signal }) => api.get<Page<MeetingSummary>>('/council/meetings', undefined, { signal }),
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: [...key, 'meeting', id],
    queryFn: ({ signal }) => api.get<Meeting>(`/council/meetings/${id}`, undefined, { signal }),
  });
}

export function useSignInLink(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'link', id],
    queryFn: ({ signal }) =>
      api.get<SignInLink>(`/council/meetings/${id}/sign-in-link`, undefined, { signal }),
    enabled,
  });
}

export function useProjects() {
  return useQuery({
    queryKey: [...key, 'projects'],
    queryFn: ({ signal }) => api.get<Page<Project>>('/council/projects', undefined, { signal }),
  });
}

function useCouncilMutation<B, R>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const useCreateTopic = () =>
  useCouncilMutation((body: z.input<typeof TopicBody>) => api.post<Topic>('/council/topics', body));
export const useCreateMeeting = () =>
  useCouncilMutation((body: z.input<typeof MeetingBody>) => api.post<Meeting>('/council/meetings', body));
export const useStaffSignIn = (meetingId: number) =>
  useCouncilMutation((participantId: number) =>
    api.post<Meeting>(`/council/meetings/${meetingId}/participants/${participantId}/sign-in`),
  );
export const useAddResolution = (meetingId: number) =>
  useCouncilMutation((body: z.input<typeof ResolutionBody>) =>
    api.post<Meeting>(`/council/meetings/${meetingId}/resolutions`, body),
  );
export const useSaveMinutes = (meetingId: number) =>
  useCouncilMutation((body: z.input<typeof MinutesBody>) =>
    api.post<Meeting>(`/council/meetings/${meetingId}/minutes`, body),
  );
export const useCheckIn = (meetingId: number) =>
  useCouncilMutation((token: string) =>
    api.post<CheckInResult>(`/council/meetings/${meetingId}/check-in`, { token }),
  );
