import { z } from 'zod';
import { ENROLMENT_STATUSES } from '../enrolment-status.js';

export const ID_TYPES = ['居民身份证', '护照', '港澳台居民证件', '军官证'] as const;
export const PHYSICIAN_LEVELS = ['执业医师', '执业助理医师'] as const;
export const PRACTICE_CATEGORIES = ['临床', '中医', '口腔', '公共卫生'] as const;
export const GENDERS = ['男', '女'] as const;

/** Page size limits for the keyset-paginated lists. */
export const PHYSICIAN_PAGE_MAX = 100;

/** 医师信息列表 / 医师管理 search. `status` is the enrolment status in the current cycle. */
export const ZPhysicianQuery = z.object({
  name: z.string().trim().max(40).optional(),
  idNumber: z.string().trim().max(40).optional(),
  practiceCategory: z.enum(PRACTICE_CATEGORIES).optional(),
  level: z.enum(PHYSICIAN_LEVELS).optional(),
  status: z.enum(ENROLMENT_STATUSES).optional(),
  /** administrations: restrict to one institution of the subtree */
  institutionId: z.coerce.number().int().positive().optional(),
  /** opaque keyset cursor from the previous page */
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(PHYSICIAN_PAGE_MAX).default(20),
});
export type TPhysicianQuery = z.infer<typeof ZPhysicianQuery>;
export const ZPhysicianExportQuery = ZPhysicianQuery.omit({ cursor: true, limit: true });
export type TPhysicianExportQuery = z.infer<typeof ZPhysicianExportQuery>;

export const ZPhysicianRow = z.object({
  id: z.number(),
  name: z.string(),
  idType: z.string(),
  /** masked: 4501**********1234 */
  idNumberMasked: z.string(),
  gender: z.string(),
  level: z.string(),
  practiceCategory: z.string(),
  title: z.string(),
  institutionId: z.number(),
  institutionName: z.string(),
  enrolmentStatus: z.enum(ENROLMENT_STATUSES),
  enrolmentStatusLabel: z.string(),
  /** buttons the actor may use on this row */
  actions: z.array(z.enum(['view', 'open', 'cancel', 'resetPassword', 'transfer', 'revealIdNumber'])),
  /** actions a rule withholds, with the reason to show instead of hiding the button silently */
  withheld: z.object({ transfer: z.string().optional() }),
});
export type TPhysicianRow = z.infer<typeof ZPhysicianRow>;

export const ZPhysicianPage = z.object({ items: z.array(ZPhysicianRow), nextCursor: z.string().nullable() });
export type TPhysicianPage = z.infer<typeof ZPhysicianPage>;

export const ZPhysicianDetail = ZPhysicianRow.extend({
  birthDate: z.string().nullable(),
  practiceScope: z.string(),
  qualificationNo: z.string(),
  licenseNo: z.string(),
  firstRegisteredAt: z.string().nullable(),
  mobileMasked: z.string().nullable(),
  orgPathNames: z.array(z.string()),
});
export type TPhysicianDetail = z.infer<typeof ZPhysicianDetail>;

export const ZIdParam = z.object({ id: z.coerce.number().int().positive() });

/** 【查看完整证件号码】: the full number, for a reviewer of that physician; audited. */
export const ZRevealedIdNumber = z.object({ idNumber: z.string() });

export const ZTransferInput = z.object({
  institutionId: z.number().int().positive(),
  reason: z.string().trim().max(200).optional(),
});
export type TTransferInput = z.infer<typeof ZTransferInput>;

export const ZInstitutionOption = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  parentName: z.string(),
});
export const ZInstitutionOptions = z.object({ items: z.array(ZInstitutionOption) });
export const ZInstitutionSearch = z.object({ keyword: z.string().trim().max(60).optional() });

export const ZResetResult = z.object({ ok: z.literal(true), rule: z.enum(['666666', 'id_last6']) });

// ---- bulk import ------------------------------------------------------------------------

export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export const PHYSICIAN_IMPORT_COLUMNS = [
  '姓名',
  '证件类型',
  '证件号码',
  '性别',
  '出生日期',
  '医师级别',
  '执业类别',
  '执业范围',
  '资格证书编号',
  '执业证书编号',
  '首次注册时间',
  '职称',
  '所在机构账号',
] as const;
export const INSTITUTION_IMPORT_COLUMNS = ['机构账号', '机构名称', '详细地址', '上级行政机构账号'] as const;

export const ZImportKind = z.object({ kind: z.enum(['physicians', 'institutions']) });

export const ZImportError = z.object({ row: z.number(), column: z.string(), message: z.string() });
export type TImportError = z.infer<typeof ZImportError>;

export const ZImportResult = z.object({
  ok: z.boolean(),
  /** rows read (excluding the header) */
  total: z.number(),
  imported: z.number(),
  errorCount: z.number(),
  /** the first errors (the full list is in the downloadable report) */
  errors: z.array(ZImportError),
  /** id of the stored error report (.xlsx), when there are errors */
  reportId: z.string().nullable(),
});
export type TImportResult = z.infer<typeof ZImportResult>;
