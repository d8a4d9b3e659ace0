import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { THelpContacts } from '../../../../shared/schemas/help';

/** 联系客服 (public; once logged in, the physician's own province only). */
export const useHelpContacts = () =>
  useQuery({
    queryKey: ['help-contacts'],
    queryFn: () => api.get<THelpContacts>('/api/help/contacts'),
    staleTime: 5 * 60_000,
  });
