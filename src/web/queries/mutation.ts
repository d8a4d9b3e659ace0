import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A mutation that, once it succeeded, invalidates the given keys (from the features' key
 * factories, e.g. `enrolmentKeys.all`). Messages are the caller's: run it with `useAction`.
 */
export function useInvalidatingMutation<V = void, R = unknown>(fn: (vars: V) => Promise<R>, invalidates: QueryKey[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(invalidates.map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
