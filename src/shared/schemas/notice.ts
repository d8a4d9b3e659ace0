import { z } from 'zod';

export const ZVerifyResult = z.object({
  genuine: z.boolean(),
  maskedName: z.string().nullable(),
  cycleName: z.string().nullable(),
  result: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedAt: z.string().nullable(),
  message: z.string(),
});
export type TVerifyResult = z.infer<typeof ZVerifyResult>;
