import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { CreateUserBody, UpdateUserBody, User } from '../../api/types.ts';

export interface UserListParams {
  q: string;
  limit: number;
  offset: number;
}

const usersKey = ['users'] as const;

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: [...usersKey, params],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { ...params }, { signal }),
    // Keep the current page on screen while the next one loads (no flashing empty table).
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>('/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UpdateUserBody }) =>
      api.patch<User>(`/users/${id}`, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Removes a user's second factor (a lost phone): they set it up again at their next sign-in. */
export function useResetUserMfa() {
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/users/${id}/mfa-reset`),
  });
}
