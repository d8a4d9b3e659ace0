import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { TMine } from '../../../shared/schemas/enrolment';

/** The physician's own enrolment, cycle, registry pre-fill and change request (/api/enrolments/mine). */
export const mineKey = ['enrolment-mine'] as const;
export const useMine = () => useQuery({ queryKey: mineKey, queryFn: () => api.get<TMine>('/api/enrolments/mine') });
