import { useQuery } from '@tanstack/react-query';
import type {
  TCycle,
  TCycleContentInput,
  TCycleRulesInput,
  TCycleSettings,
  TCycleTimesInput,
} from '../../shared/schemas/cycle';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

/** Query keys of 本周期考核设置 and the current cycle; every key starts with `cycle`. */
export const cycleKeys = {
  all: ['cycle'] as const,
  current: () => [...cycleKeys.all, 'current'] as const,
  settings: () => [...cycleKeys.all, 'settings'] as const,
};

export const useCurrentCycle = () =>
  useQuery({
    queryKey: cycleKeys.current(),
    queryFn: () => api.get<{ cycle: TCycle | null }>('/api/cycles/current'),
  });
export const useCycleSettings = () =>
  useQuery({ queryKey: cycleKeys.settings(), queryFn: () => api.get<TCycleSettings>('/api/cycle-settings') });

const useCycleMutation = <V, R>(fn: (v: V) => Promise<R>) => useInvalidatingMutation(fn, [cycleKeys.all]);
export const useSaveTimes = () =>
  useCycleMutation((v: TCycleTimesInput) => api.put<TCycle>('/api/cycle-settings/times', v));
export const useSaveContent = () =>
  useCycleMutation((v: TCycleContentInput) => api.put<TCycle>('/api/cycle-settings/content', v));
export const useSaveRules = () =>
  useCycleMutation((v: TCycleRulesInput) => api.put<TCycle>('/api/cycle-settings/rules', v));
