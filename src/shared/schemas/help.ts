import { z } from 'zod';

/** 联系客服 of one province (public: shown on the login pages). */
export const ZHelpContact = z.object({
  provinceName: z.string(),
  phone: z.string(),
  hours: z.string(),
});
export type THelpContact = z.infer<typeof ZHelpContact>;

export const ZHelpContacts = z.object({ items: z.array(ZHelpContact) });
export type THelpContacts = z.infer<typeof ZHelpContacts>;

/** The province's own setting (province administration): null until set. */
export const ZHelpContactSetting = z.object({
  phone: z.string(),
  hours: z.string(),
  updatedAt: z.string().nullable(),
});
export type THelpContactSetting = z.infer<typeof ZHelpContactSetting>;

export const ZHelpContactInput = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^[0-9][0-9\- ]{4,19}(转[0-9]{1,6})?$/, '请输入客服电话，例如 0771-12345678 或 12320'),
  hours: z.string().trim().min(1, '请填写服务时间').max(60, '服务时间不能超过60字'),
});
export type THelpContactInput = z.infer<typeof ZHelpContactInput>;
