import { z } from 'zod';

export const ROLE_VALUES = ['admin', 'institution', 'body', 'industry', 'physician'] as const;
export const ZRole = z.enum(ROLE_VALUES);

export const ZCaptcha = z.object({ id: z.string(), svg: z.string(), disabled: z.boolean() });

export const ZOrgLoginInput = z.object({
  login: z.string().trim().min(1, '请输入账号').max(64),
  password: z.string().min(1, '请输入密码').max(64),
  captchaId: z.string().max(64).optional(),
  captcha: z.string().max(10).optional(),
});
export type TOrgLoginInput = z.infer<typeof ZOrgLoginInput>;

export const ZPhysicianLoginInput = z.object({
  /** 证件号码, or the 手机号 the physician bound (an alternative login name) */
  idNumber: z.string().trim().min(1, '请输入证件号码或手机号').max(40),
  name: z.string().trim().min(1, '请输入姓名').max(40),
  password: z.string().min(1, '请输入密码').max(64),
});
export type TPhysicianLoginInput = z.infer<typeof ZPhysicianLoginInput>;

export const ZMe = z.object({
  accountId: z.number(),
  role: ZRole,
  roleLabel: z.string(),
  displayName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  provinceId: z.number(),
  adminLevel: z.enum(['province', 'city', 'district']).nullable(),
  physicianId: z.number().nullable(),
  isAssessmentBody: z.boolean(),
  /** roles this account can switch to (角色切换) */
  switchableRoles: z.array(ZRole),
  mustChangePassword: z.boolean(),
  mustBindMobile: z.boolean(),
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordInput = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(64),
  newPassword: z.string().min(8, '新密码长度应为8至32位').max(32, '新密码长度应为8至32位'),
});
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

export const ZMobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入正确的11位手机号');
export const ZSmsCodeInput = z.object({ mobile: ZMobile });
export const ZBindMobileInput = z.object({
  mobile: ZMobile,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请输入6位短信验证码'),
});
export const ZSwitchRoleInput = z.object({ role: z.enum(['institution', 'body']) });
export const ZOk = z.object({ ok: z.literal(true) });
