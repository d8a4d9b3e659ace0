import { z } from 'zod';

/* ───────────── 本机构信息 ───────────── */

const ZText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).default('');
const ZPhone = z
  .string()
  .trim()
  .regex(/^$|^[0-9+\-\s()]{7,20}$/, '请输入正确的联系电话（手机号或区号-电话号码）')
  .default('');
const ZPostcode = z
  .string()
  .trim()
  .regex(/^$|^\d{6}$/, '邮政编码应为6位数字')
  .default('');
const ZEmail = z.union([z.literal(''), z.string().trim().email('请输入正确的电子邮箱')]).default('');

export const INSTITUTION_CATEGORIES = [
  '综合医院',
  '中医医院',
  '中西医结合医院',
  '民族医院',
  '专科医院',
  '妇幼保健院',
  '社区卫生服务中心（站）',
  '乡镇卫生院',
  '疾病预防控制中心',
  '门诊部',
  '诊所',
  '其他',
] as const;
export const INSTITUTION_GRADES = [
  '三级甲等',
  '三级乙等',
  '三级',
  '二级甲等',
  '二级乙等',
  '二级',
  '一级',
  '未定级',
] as const;

/** 卫健委 form (administration). 机构名称 comes from the organisation and is read-only. */
export const ZWjwProfile = z.object({
  address: ZText(200),
  postcode: ZPostcode,
  leader: ZText(40),
  contact: ZText(40),
  phone: ZPhone,
  email: ZEmail,
  fax: ZText(30),
});
/** 考核管理委员会 form. */
export const ZCommitteeProfile = z.object({
  name: ZText(100),
  director: ZText(40),
  deputyDirector: ZText(100),
  members: ZText(1000),
  contact: ZText(40),
  phone: ZPhone,
  address: ZText(200),
});
/** 考核办公室 form. */
export const ZOfficeProfile = z.object({
  name: ZText(100),
  director: ZText(40),
  members: ZText(1000),
  contact: ZText(40),
  phone: ZPhone,
  email: ZEmail,
  address: ZText(200),
  postcode: ZPostcode,
});
/** 卫生机构 本机构信息 form. */
export const ZInstitutionProfile = z.object({
  creditCode: z
    .string()
    .trim()
    .regex(/^$|^[0-9A-Z]{18}$/, '统一社会信用代码应为18位数字或大写字母')
    .default(''),
  address: z.string().trim().min(1, '请填写地址').max(200),
  category: z.enum(INSTITUTION_CATEGORIES, { message: '请选择机构类别' }),
  grade: z.enum(INSTITUTION_GRADES, { message: '请选择机构级别' }),
  legalPerson: ZText(40),
  contact: z.string().trim().min(1, '请填写联系人').max(40),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s()]{7,20}$/, '请输入正确的联系电话（手机号或区号-电话号码）'),
  postcode: ZPostcode,
  email: ZEmail,
});
/** 行业组织 本机构信息 form. */
export const ZIndustryProfile = z.object({
  creditCode: z
    .string()
    .trim()
    .regex(/^$|^[0-9A-Z]{18}$/, '统一社会信用代码应为18位数字或大写字母')
    .default(''),
  address: z.string().trim().min(1, '请填写地址').max(200),
  leader: ZText(40),
  contact: z.string().trim().min(1, '请填写联系人').max(40),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s()]{7,20}$/, '请输入正确的联系电话（手机号或区号-电话号码）'),
  postcode: ZPostcode,
  email: ZEmail,
});

export const PROFILE_FORMS = {
  wjw: { label: '卫健委', schema: ZWjwProfile, kinds: ['admin'] },
  committee: { label: '考核管理委员会', schema: ZCommitteeProfile, kinds: ['admin'] },
  office: { label: '考核办公室', schema: ZOfficeProfile, kinds: ['admin'] },
  institution: { label: '本机构信息', schema: ZInstitutionProfile, kinds: ['institution'] },
  industry: { label: '本机构信息', schema: ZIndustryProfile, kinds: ['industry'] },
} as const;
export type ProfileFormKey = keyof typeof PROFILE_FORMS;
export const ZProfileForm = z.enum(['wjw', 'committee', 'office', 'institution', 'industry']);

export type TWjwProfile = z.infer<typeof ZWjwProfile>;
export type TCommitteeProfile = z.infer<typeof ZCommitteeProfile>;
export type TOfficeProfile = z.infer<typeof ZOfficeProfile>;
export type TInstitutionProfile = z.infer<typeof ZInstitutionProfile>;
export type TIndustryProfile = z.infer<typeof ZIndustryProfile>;

export const ZOrgKind = z.enum(['admin', 'institution', 'industry']);
export const ZOrgStatus = z.enum(['unactivated', 'active', 'deregistered']);
export type TOrgStatus = z.infer<typeof ZOrgStatus>;
export const ORG_STATUS_LABELS: Record<TOrgStatus, string> = {
  unactivated: '未激活',
  active: '已激活',
  deregistered: '已注销',
};
export const ORG_KIND_LABELS: Record<z.infer<typeof ZOrgKind>, string> = {
  admin: '卫生行政机构',
  institution: '卫生机构',
  industry: '行业组织',
};
export const ADMIN_LEVEL_LABELS = { province: '省级', city: '市级', district: '区县级' } as const;

export const ZMyOrg = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: ZOrgKind,
  level: z.enum(['province', 'city', 'district']).nullable(),
  address: z.string(),
  parentName: z.string().nullable(),
  canApplyAssessment: z.boolean(),
  isAssessmentBody: z.boolean(),
  /** saved forms keyed by form name (only the forms of this organisation's kind) */
  forms: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type TMyOrg = z.infer<typeof ZMyOrg>;

/* ───────────── 所辖机构账户管理 ───────────── */

export const SUBORDINATE_ACTIONS = [
  'edit',
  'activate',
  'delete',
  'resetPassword',
  'deregister',
  'allowApply',
  'disallowApply',
  /** 行业组织: 设为考核机构 / 取消考核机构 (seed 003: 由行政机构根据需要进行配置) */
  'grantBody',
  'revokeBody',
] as const;
export const ZSubordinateAction = z.enum(SUBORDINATE_ACTIONS);

/** 【设为考核机构】/【取消考核机构】 of an industry organisation. */
export const ZAssessmentBodyRole = z.object({ enabled: z.boolean() });
export type TAssessmentBodyRole = z.infer<typeof ZAssessmentBodyRole>;

export const ZCode = z
  .string()
  .trim()
  .min(2, '机构账号至少2位')
  .max(40, '机构账号不能超过40位')
  .regex(/^[A-Za-z0-9_\-.]+$/, '机构账号只能包含字母、数字、下划线、短横线和点（建议使用统一社会信用代码）');

export const ZSubordinateListQuery = z.object({
  kind: ZOrgKind,
  q: z.string().trim().max(60).optional(),
  status: ZOrgStatus.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TSubordinateListQuery = z.infer<typeof ZSubordinateListQuery>;

export const ZSubordinate = z.object({
  id: z.number(),
  kind: ZOrgKind,
  level: z.enum(['province', 'city', 'district']).nullable(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  status: ZOrgStatus,
  canApplyAssessment: z.boolean(),
  isAssessmentBody: z.boolean(),
  createdAt: z.string(),
  actions: z.array(ZSubordinateAction),
});
export type TSubordinate = z.infer<typeof ZSubordinate>;
export const ZSubordinatePage = z.object({
  items: z.array(ZSubordinate),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZCreateSubordinate = z.object({
  kind: ZOrgKind,
  code: ZCode,
  name: z.string().trim().min(2, '请填写机构名称').max(100, '机构名称不能超过100个字'),
  address: z.string().trim().min(2, '请填写详细地址').max(200, '详细地址不能超过200个字'),
});
export type TCreateSubordinate = z.infer<typeof ZCreateSubordinate>;
export const ZUpdateSubordinate = ZCreateSubordinate.omit({ kind: true });
export type TUpdateSubordinate = z.infer<typeof ZUpdateSubordinate>;

export const ZIds = z.object({
  ids: z.array(z.number().int().positive()).min(1, '请至少选择一个机构').max(500, '一次最多操作500个机构'),
});
export const ZApplyPermission = ZIds.extend({ allow: z.boolean() });
export const ZBatchResult = z.object({ done: z.number() });

/* ───────────── 卫生机构管理 ───────────── */

export const ZInstitutionListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  status: ZOrgStatus.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TInstitutionListQuery = z.infer<typeof ZInstitutionListQuery>;
export const ZInstitutionRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  status: ZOrgStatus,
  parentName: z.string(),
  isAssessmentBody: z.boolean(),
  bodyName: z.string().nullable(),
  physicianCount: z.number(),
});
export type TInstitutionRow = z.infer<typeof ZInstitutionRow>;
export const ZInstitutionPage = z.object({
  items: z.array(ZInstitutionRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const ZInstitutionDetail = ZInstitutionRow.extend({
  profile: z.record(z.string(), z.unknown()),
  canApplyAssessment: z.boolean(),
  departmentCount: z.number(),
  createdAt: z.string(),
});
export type TInstitutionDetail = z.infer<typeof ZInstitutionDetail>;

/* ───────────── 申请考核机构 / 考核机构管理 ───────────── */

export const APPLICATION_STATUS_LABELS = {
  draft: '未提交',
  pending: '待审批',
  approved: '已通过',
  rejected: '已驳回',
} as const;
export const ZApplicationStatus = z.enum(['draft', 'pending', 'approved', 'rejected']);
export const APPLICATION_MAX_FILES = 10;
export const APPLICATION_MAX_BYTES = 10 * 1024 * 1024;

export const ZMaterial = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  uploadedAt: z.string(),
});
export type TMaterial = z.infer<typeof ZMaterial>;

export const ZMyApplication = z.object({
  canApply: z.boolean(),
  isAssessmentBody: z.boolean(),
  application: z
    .object({
      id: z.number(),
      status: ZApplicationStatus,
      materials: z.array(ZMaterial),
      submittedAt: z.string().nullable(),
      decidedAt: z.string().nullable(),
      rejectReason: z.string().nullable(),
    })
    .nullable(),
  /** whether 上传 / 删除 / 提交申请 are possible now */
  editable: z.boolean(),
});
export type TMyApplication = z.infer<typeof ZMyApplication>;

export const ZApplicationListQuery = z.object({
  status: ZApplicationStatus.exclude(['draft']).optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TApplicationListQuery = z.infer<typeof ZApplicationListQuery>;
export const ZApplicationRow = z.object({
  id: z.number(),
  institutionId: z.number(),
  institutionName: z.string(),
  institutionCode: z.string(),
  status: ZApplicationStatus,
  materials: z.array(ZMaterial),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  actions: z.array(z.enum(['approve', 'reject'])),
});
export type TApplicationRow = z.infer<typeof ZApplicationRow>;
export const ZApplicationPage = z.object({
  items: z.array(ZApplicationRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const ZRejectInput = z.object({
  reason: z.string().trim().min(2, '请填写驳回理由').max(500, '驳回理由不能超过500个字'),
});

export const ZBodyRow = z.object({
  id: z.number(),
  kind: ZOrgKind,
  code: z.string(),
  name: z.string(),
  address: z.string(),
  status: ZOrgStatus,
  parentName: z.string(),
  assignedCount: z.number(),
});
export type TBodyRow = z.infer<typeof ZBodyRow>;
export const ZBodyListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZBodyPage = z.object({
  items: z.array(ZBodyRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZAssignedRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  status: ZOrgStatus,
  parentName: z.string(),
  physicianCount: z.number(),
  assignedAt: z.string(),
});
export type TAssignedRow = z.infer<typeof ZAssignedRow>;
export const ZAssignedList = z.object({ items: z.array(ZAssignedRow) });
export const ZCandidateQuery = z.object({
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZCandidateRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  status: ZOrgStatus,
  parentName: z.string(),
});
export const ZCandidatePage = z.object({
  items: z.array(ZCandidateRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const ZInstitutionIds = z.object({
  institutionIds: z
    .array(z.number().int().positive())
    .min(1, '请至少选择一个卫生机构')
    .max(500, '一次最多操作500个机构'),
});

/* ───────────── 科室信息 ───────────── */

export const ZDepartmentName = z.string().trim().min(1, '请填写科室名称').max(40, '科室名称不能超过40个字');
export const ZDepartmentIntro = z.string().trim().max(500, '科室介绍不能超过500个字').default('');
export const ZCreateDepartments = z.object({
  /** null/absent = 一级科室; otherwise the 一级科室 to create 二级科室 under */
  parentId: z.number().int().positive().nullable().default(null),
  items: z
    .array(z.object({ name: ZDepartmentName, intro: ZDepartmentIntro }))
    .min(1, '请至少填写一个科室名称')
    .max(100, '一次最多创建100个科室'),
});
export type TCreateDepartments = z.infer<typeof ZCreateDepartments>;
export const ZUpdateDepartment = z.object({ name: ZDepartmentName, intro: ZDepartmentIntro });

export interface TDepartmentNode {
  id: number;
  name: string;
  level: number;
  intro: string;
  children: TDepartmentNode[];
}
export const ZDepartmentNode: z.ZodType<TDepartmentNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    level: z.number(),
    intro: z.string(),
    children: z.array(ZDepartmentNode),
  }),
);
export const ZDepartmentTree = z.object({ items: z.array(ZDepartmentNode) });

/* ───────────── 操作日志 / 短信发件箱 ───────────── */

export const ZAuditQuery = z.object({
  action: z.string().trim().max(40).optional(),
  targetType: z.string().trim().max(40).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .optional(),
  /** keyset: entries with id below this */
  before: z.coerce.number().int().positive().optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
export const ZAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** the name of the object acted on (physician, organisation, …), when it still exists */
  objectName: z.string().nullable(),
  /** the entry as one Chinese sentence: who did what to which named object, reason, changes */
  summary: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextBefore: z.number().nullable() });

export const ZSmsQuery = z.object({
  mobile: z.string().trim().max(20).optional(),
  before: z.coerce.number().int().positive().optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZSmsEntry = z.object({
  id: z.number(),
  createdAt: z.string(),
  mobile: z.string(),
  template: z.string(),
  content: z.string(),
  driver: z.string(),
  status: z.string(),
  error: z.string().nullable(),
});
export type TSmsEntry = z.infer<typeof ZSmsEntry>;
export const ZSmsPage = z.object({ items: z.array(ZSmsEntry), nextBefore: z.number().nullable() });
