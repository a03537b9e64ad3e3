/** 红色议事厅 on the wire: topics, meetings, sign-in, resolutions, projects. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CheckInResult as CheckInResultSchema,
  HouseholdOption as HouseholdOptionSchema,
  Meeting as MeetingSchema,
  MeetingBody,
  MeetingSummary as MeetingSummarySchema,
  MinutesBody,
  ParticipantBody,
  Project as ProjectSchema,
  ProjectBody,
  ProjectUpdateBody,
  PublishBody,
  PublishedProject as PublishedProjectSchema,
  ResidentMeeting as ResidentMeetingSchema,
  ResolutionBody,
  RsvpAnswers,
  SignInLink as SignInLinkSchema,
  StaffOption as StaffOptionSchema,
  Topic as TopicSchema,
  TopicBody,
  TopicDraft as TopicDraftSchema,
  LinkableSources,
} from '../../../contract/council.ts';
import { api, type Page } from '../../api/client.ts';
import { useLiveEvent } from '../../api/live.ts';

export type Topic = z.infer<typeof TopicSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type PublishedProject = z.infer<typeof PublishedProjectSchema>;
export type SignInLink = z.infer<typeof SignInLinkSchema>;
export type CheckInResult = z.infer<typeof CheckInResultSchema>;
export type HouseholdOption = z.infer<typeof HouseholdOptionSchema>;
export type StaffOption = z.infer<typeof StaffOptionSchema>;
export type ResidentMeeting = z.infer<typeof ResidentMeetingSchema>;
export type RsvpAnswer = (typeof RsvpAnswers)[number];
export type TopicDraft = z.infer<typeof TopicDraftSchema>;
export type LinkableSource = (typeof LinkableSources)[number];

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
    // the token changes every minute: fetch the next one as soon as it does
    refetchInterval: (query) => ((query.state.data?.refreshInSeconds ?? 30) + 1) * 1000,
    refetchIntervalInBackground: true,
  });
}

/** The meeting as an invited resident sees it (agenda, their answer, published minutes). */
export function useResidentMeeting(id: number) {
  return useQuery({
    queryKey: [...key, 'meeting', id, 'invitation'],
    queryFn: ({ signal }) =>
      api.get<ResidentMeeting>(`/council/meetings/${id}/invitation`, undefined, { signal }),
  });
}

/** A topic prefilled from a visit, concern or suggestion ("提交议事"). */
export function useTopicDraft(source: LinkableSource | null, ref: number | null) {
  return useQuery({
    queryKey: [...key, 'draft', source, ref],
    queryFn: ({ signal }) => api.get<TopicDraft>('/council/topic-draft', { source, ref }, { signal }),
    enabled: source !== null && ref !== null,
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
export const useRsvp = (meetingId: number) =>
  useCouncilMutation((answer: RsvpAnswer) =>
    api.post<ResidentMeeting>(`/council/meetings/${meetingId}/rsvp`, { answer }),
  );
export const usePublishMinutes = (meetingId: number) =>
  useCouncilMutation(() => api.post<Meeting>(`/council/meetings/${meetingId}/minutes/publish`));
export const useCheckIn = (meetingId: number) =>
  useCouncilMutation((token: string) =>
    api.post<CheckInResult>(`/council/meetings/${meetingId}/check-in`, { token }),
  );

export function usePublishedResults() {
  return useQuery({
    queryKey: [...key, 'results'],
    queryFn: ({ signal }) => api.get<Page<PublishedProject>>('/council/results', undefined, { signal }),
  });
}

/** Households matching `q` (address or name); an empty query lists the first few. */
export function useHouseholdOptions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'households', q],
    queryFn: ({ signal }) =>
      api.get<HouseholdOption[]>('/council/households', q ? { q } : undefined, { signal }),
    enabled,
    staleTime: 30_000,
  });
}

export function useStaffOptions(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'staff'],
    queryFn: ({ signal }) => api.get<StaffOption[]>('/council/staff', undefined, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export const useAddParticipant = (meetingId: number) =>
  useCouncilMutation((body: z.input<typeof ParticipantBody>) =>
    api.post<Meeting>(`/council/meetings/${meetingId}/participants`, body),
  );
export const useRemoveParticipant = (meetingId: number) =>
  useCouncilMutation((participantId: number) =>
    api.delete<Meeting>(`/council/meetings/${meetingId}/participants/${participantId}`),
  );
export const useCreateProject = () =>
  useCouncilMutation((body: z.input<typeof ProjectBody>) => api.post<Project>('/council/projects', body));
export const useUpdateProject = (id: number) =>
  useCouncilMutation((body: z.input<typeof ProjectUpdateBody>) =>
    api.put<Project>(`/council/projects/${id}`, body),
  );
export const usePublishProject = (id: number) =>
  useCouncilMutation((body: z.input<typeof PublishBody>) =>
    api.post<Project>(`/council/projects/${id}/publish`, body),
  );

/** Refreshes the council screens when anything of the council hall changes on another screen. */
export function useCouncilLive(): void {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  useLiveEvent('council.topic', refresh);
  useLiveEvent('council.meeting', refresh);
  useLiveEvent('council.sign_in', refresh);
  useLiveEvent('council.project', refresh);
}

/** A meeting page hears its own sign-ins (people scanning the QR code) and changes at once. */
export function useMeetingLive(meetingId: number): void {
  const queryClient = useQueryClient();
  const refresh = (data: unknown) => {
    const id = (data as { meetingId?: unknown } | undefined)?.meetingId;
    if (id === undefined || id === meetingId)
      void queryClient.invalidateQueries({ queryKey: [...key, 'meeting', meetingId] });
  };
  useLiveEvent('council.sign_in', refresh);
  useLiveEvent('council.meeting', refresh);
}
