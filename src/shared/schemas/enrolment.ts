import { z } from 'zod';
import { CHANGE_STATE_LABELS, CHANGE_STATES } from '../domain/change.js';
import { ENROLMENT_STATUSES } from '../domain/enrolment.js';
import { PROCEDURE_CHOICES, PROCEDURES, ZProcedure } from '../domain/procedure.js';
import { DISQUALIFYING_SITUATIONS } from '../domain/self-evaluation.js';

export { CHANGE_STATE_LABELS, DISQUALIFYING_SITUATIONS };

/* ------------------------------------------------------------------ option lists */

export const ETHNICITIES = [
  '汉族',
  '壮族',
  '满族',
  '回族',
  '苗族',
  '维吾尔族',
  '土家族',
  '彝族',
  '蒙古族',
  '藏族',
  '布依族',
  '侗族',
  '瑶族',
  '朝鲜族',
  '白族',
  '哈尼族',
  '哈萨克族',
  '黎族',
  '傣族',
  '畲族',
  '傈僳族',
  '仡佬族',
  '东乡族',
  '高山族',
  '拉祜族',
  '水族',
  '佤族',
  '纳西族',
  '羌族',
  '土族',
  '仫佬族',
  '锡伯族',
  '柯尔克孜族',
  '达斡尔族',
  '景颇族',
  '毛南族',
  '撒拉族',
  '布朗族',
  '塔吉克族',
  '阿昌族',
  '普米族',
  '鄂温克族',
  '怒族',
  '京族',
  '基诺族',
  '德昂族',
  '保安族',
  '俄罗斯族',
  '裕固族',
  '乌孜别克族',
  '门巴族',
  '鄂伦春族',
  '独龙族',
  '塔塔尔族',
  '赫哲族',
  '珞巴族',
  '其他',
] as const;
export const EDUCATIONS = ['中专', '大专', '本科', '硕士研究生', '博士研究生', '其他'] as const;
export const TITLES = [
  '无',
  '初级（士）',
  '初级（师）',
  '中级（主治/主管）',
  '副高级（副主任）',
  '正高级（主任）',
] as const;
export const LEVELS = ['执业医师', '执业助理医师'] as const;
export const CATEGORIES = ['临床', '中医', '口腔', '公共卫生'] as const;
export const EMPLOYMENTS = ['在职', '返聘'] as const;
export const PRACTICE_SCOPES: Record<(typeof CATEGORIES)[number], string[]> = {
  临床: [
    '内科专业',
    '外科专业',
    '妇产科专业',
    '儿科专业',
    '眼耳鼻咽喉科专业',
    '皮肤病与性病专业',
    '精神卫生专业',
    '职业病专业',
    '医学影像和放射治疗专业',
    '医学检验、病理专业',
    '全科医学专业',
    '急救医学专业',
    '康复医学专业',
    '预防保健专业',
    '特种医学与军事医学专业',
    '计划生育技术服务专业',
    '重症医学专业',
    '麻醉专业',
  ],
  中医: ['中医专业', '中西医结合专业', '蒙医专业', '藏医专业', '维医专业', '傣医专业', '全科医学专业'],
  口腔: ['口腔专业', '全科医学专业'],
  公共卫生: ['公共卫生类别专业'],
};
export const SPECIALTIES = [
  '心血管内科专业',
  '呼吸内科专业',
  '消化内科专业',
  '神经内科专业',
  '肾病学专业',
  '内分泌专业',
  '血液内科专业',
  '感染科专业',
  '普通外科专业',
  '骨科专业',
  '神经外科专业',
  '心胸外科专业',
  '泌尿外科专业',
  '烧伤科专业',
  '整形外科专业',
  '妇科专业',
  '产科专业',
  '儿科专业',
  '新生儿专业',
  '眼科专业',
  '耳鼻咽喉科专业',
  '皮肤科专业',
  '精神科专业',
  '急诊医学专业',
  '重症医学专业',
  '麻醉科专业',
  '医学影像科专业',
  '医学检验科专业',
  '病理科专业',
  '康复医学专业',
  '全科医学专业',
  '中医内科专业',
  '中医外科专业',
  '针灸推拿专业',
  '口腔内科专业',
  '口腔颌面外科专业',
  '口腔修复专业',
  '疾病控制专业',
  '职业卫生专业',
  '预防保健专业',
] as const;

/** 直接认定为不合格的情形 (《医师定期考核管理办法》第十七条 style wording). */

/** 医德医风自评参考项 */
export const ETHICS_REFERENCE_ITEMS = [
  '救死扶伤，全心全意为人民服务',
  '尊重患者的权利，为患者保守医疗秘密',
  '文明礼貌，优质服务，构建和谐医患关系',
  '遵纪守法，廉洁行医',
  '因病施治，规范医疗服务行为',
  '顾全大局，团结协作，和谐共事',
  '严谨求实，努力提高专业技术水平',
] as const;

export const STEP_TITLES = ['基本信息', '执业信息', '相关经历', '工作成绩、职业道德', '考核程序', '确认信息'] as const;

/* ------------------------------------------------------------------ wizard steps */

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const req = (label: string, max = 100) =>
  z
    .string({ error: `请填写「${label}」` })
    .trim()
    .min(1, `请填写「${label}」`)
    .max(max, `「${label}」不能超过${max}字`);
const opt = (max = 100) => z.string().trim().max(max).optional();

/** Step 1 基本信息. 姓名, 证件类型, 证件编号 come from the physician record and are never editable. */
export const ZBasicInfo = z.object({
  gender: z.enum(['男', '女'], { error: '请选择「性别」' }),
  ethnicity: z.enum(ETHNICITIES, { error: '请选择「民族」' }),
  birthDate: ZDate.refine((v) => v >= '1930-01-01', '「出生年月」不正确'),
  education: z.enum(EDUCATIONS, { error: '请选择「学历」' }),
  email: z.string({ error: '请填写「电子邮件」' }).trim().email('「电子邮件」格式不正确').max(100),
  mobile: z
    .string({ error: '请填写「手机号」' })
    .trim()
    .regex(/^1[3-9]\d{9}$/, '「手机号」应为11位手机号'),
});
export type TBasicInfo = z.infer<typeof ZBasicInfo>;

const ZPracticeBase = z.object({
  departmentId: z.number({ error: '请选择「科室」' }).int().positive(),
  specialties: z.array(z.string().trim().min(1).max(50)).min(1, '请选择「从事专业」').max(10, '「从事专业」最多10项'),
  title: z.enum(TITLES, { error: '请选择「职称」' }),
  titleDate: ZDate.optional(),
  position: opt(50),
  positionDate: ZDate.optional(),
  level: z.enum(LEVELS, { error: '请选择「医师级别」' }),
  isResident: z.boolean({ error: '请选择「规培生」' }),
  category: z.enum(CATEGORIES, { error: '请选择「执业类别」' }),
  scope: opt(50),
  employment: z.enum(EMPLOYMENTS, { error: '请选择「执业情况」' }),
  qualificationNo: req('资格证书编号', 40),
  licenseNo: opt(40),
  firstRegisteredAt: ZDate.optional(),
});
/** Step 2 执业信息. 执业范围 is required except for 规培生. */
export const ZPracticeInfo = ZPracticeBase.superRefine((v, ctx) => {
  if (!v.isResident && !v.scope)
    ctx.addIssue({ code: 'custom', message: '请选择「执业范围」（规培生非必填）', path: ['scope'] });
});
export const ZPracticeInfoDraft = ZPracticeBase.partial();
export type TPracticeInfo = z.infer<typeof ZPracticeBase>;

const ZPeriod = { start: ZDate.optional(), end: ZDate.optional() };
/** Step 3 相关经历 (all optional, repeatable). */
export const ZExperience = z.object({
  multiSites: z
    .array(z.object({ institution: req('机构'), department: opt(50), position: opt(50) }))
    .max(20)
    .default([]),
  education: z
    .array(
      z.object({
        degree: z.enum(EDUCATIONS, { error: '请选择「学历」' }),
        school: req('院校'),
        major: opt(50),
        ...ZPeriod,
      }),
    )
    .max(20)
    .default([]),
  practice: z
    .array(
      z.object({
        institution: req('机构名称'),
        title: opt(30),
        position: opt(50),
        start: ZDate.optional(),
        end: ZDate.optional(),
        current: z.boolean().default(false),
      }),
    )
    .max(20)
    .default([]),
  awards: z
    .array(z.object({ name: req('科研获奖名称', 200), date: ZDate.optional(), level: opt(30) }))
    .max(30)
    .default([]),
  papers: z
    .array(z.object({ title: req('论文名称', 200), date: ZDate.optional(), journal: opt(100) }))
    .max(50)
    .default([]),
  books: z
    .array(z.object({ title: req('著作名称', 200), date: ZDate.optional(), category: opt(50) }))
    .max(30)
    .default([]),
  patents: z
    .array(z.object({ title: req('专利名称', 200), date: ZDate.optional(), category: opt(50) }))
    .max(30)
    .default([]),
});
export type TExperience = z.infer<typeof ZExperience>;

const YesNo = (label: string) => z.enum(['有', '无'], { error: `请选择「${label}」` });
const PassFail = (label: string) => z.enum(['合格', '不合格'], { error: `请选择「${label}」` });
const ZCount = z.number().int().min(0).max(10_000_000).optional();

/** Step 4 工作成绩、职业道德 self-evaluation. */
export const ZSelfEvaluation = z.object({
  goodRecord: YesNo('良好执业行为记录'),
  goodRecordAwards: opt(500),
  goodRecordTasks: opt(500),
  goodRecordResearch: opt(500),
  badRecord: YesNo('不良执业行为记录'),
  badRecordDetail: opt(500),
  workQuantity: PassFail('完成工作数量'),
  patients: ZCount,
  operations: ZCount,
  examinations: ZCount,
  wardRounds: ZCount,
  workQuality: PassFail('完成工作质量'),
  governmentTasks: PassFail('完成政府指令性工作情况'),
  disqualifying: z
    .array(z.enum(['有', '无']), { error: '请逐项选择「直接认定为不合格的情形」' })
    .length(DISQUALIFYING_SITUATIONS.length, '请逐项选择「直接认定为不合格的情形」'),
  ethicsSelf: z.enum(['优秀', '良好', '一般'], { error: '请选择「医德医风自评」' }),
});
export type TSelfEvaluation = z.infer<typeof ZSelfEvaluation>;

export const WIZARD_STEPS = ['basic', 'practice', 'experience', 'self'] as const;
export type TWizardStep = (typeof WIZARD_STEPS)[number];

/** Save bodies (partial: a step may be saved half-filled; submit checks completeness). */
export const ZSaveBasic = ZBasicInfo.partial();
export const ZSavePractice = ZPracticeInfoDraft;
export const ZSaveExperience = ZExperience;
export const ZSaveSelf = ZSelfEvaluation.partial().extend({
  disqualifying: z
    .array(z.enum(['有', '无']).nullable())
    .max(DISQUALIFYING_SITUATIONS.length)
    .optional(),
});

/* ------------------------------------------------------------------ API shapes */

export const ZStatus = z.enum(ENROLMENT_STATUSES);
export const ZChangeState = z.enum(CHANGE_STATES);
const PROCEDURES_OR_NONE = [...PROCEDURES, 'none'] as const;
export const ZPhysicianIds = z.object({
  physicianIds: z.array(z.number().int().positive()).min(1, '请选择医师').max(5000, '一次最多处理5000名医师'),
});
export const ZDone = z.object({ done: z.number() });
export const ZReason = z.object({ reason: z.string().trim().min(1, '请填写驳回理由').max(500, '理由不能超过500字') });
export const ZIds = z.object({
  ids: z.array(z.number().int().positive()).min(1, '请勾选记录').max(5000, '一次最多处理5000条'),
});
export const ZIdParam = z.object({ id: z.coerce.number().int().positive() });
export const ZAdminReject = z.object({
  mode: z.enum(['exit', 'reselect']),
  reason: z.string().trim().min(1, '请填写驳回理由').max(500, '理由不能超过500字'),
});

export const ZWindowView = z.object({ start: z.string(), end: z.string() });
export const ZMineCycle = z.object({
  id: z.number(),
  name: z.string(),
  windows: z.record(z.string(), ZWindowView),
  procedureChoice: z.enum(PROCEDURE_CHOICES),
});

export const ZPrefill = z.object({
  name: z.string(),
  idType: z.string(),
  idNumber: z.string(),
  gender: z.string(),
  birthDate: z.string().nullable(),
  mobile: z.string().nullable(),
  level: z.string(),
  category: z.string(),
  scope: z.string(),
  qualificationNo: z.string(),
  licenseNo: z.string(),
  firstRegisteredAt: z.string().nullable(),
  title: z.string(),
  institutionName: z.string(),
});

export const ZChangeRequestView = z.object({
  id: z.number(),
  state: ZChangeState,
  stateLabel: z.string(),
  reason: z.string(),
  replyReason: z.string().nullable(),
  proposed: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TChangeRequestView = z.infer<typeof ZChangeRequestView>;

export const ZMine = z.object({
  cycle: ZMineCycle.nullable(),
  enrolment: z
    .object({
      id: z.number(),
      status: ZStatus,
      statusLabel: z.string(),
      procedure: ZProcedure.nullable(),
      registration: z.record(z.string(), z.unknown()),
      selfEvaluation: z.record(z.string(), z.unknown()),
      procedureApplication: z.record(z.string(), z.unknown()),
      photoFileId: z.string().nullable(),
      lastReason: z.string().nullable(),
      finalResult: z.string().nullable(),
      submittedAt: z.string().nullable(),
      editable: z.boolean(),
      canRequestChange: z.boolean(),
    })
    .nullable(),
  statusLabel: z.string(),
  actions: z.array(z.string()),
  prefill: ZPrefill,
  changeRequest: ZChangeRequestView.nullable(),
  unreadMessages: z.number(),
});
export type TMine = z.infer<typeof ZMine>;

export const ZListRow = z.object({
  id: z.number(),
  physicianId: z.number(),
  name: z.string(),
  idNumber: z.string(),
  gender: z.string(),
  level: z.string(),
  category: z.string(),
  institutionId: z.number(),
  institutionName: z.string(),
  status: ZStatus,
  statusLabel: z.string(),
  procedure: ZProcedure.nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  lastReason: z.string().nullable(),
  actions: z.array(z.string()),
});
export type TListRow = z.infer<typeof ZListRow>;
export const ZList = z.object({ items: z.array(ZListRow), nextCursor: z.number().nullable() });
export type TList = z.infer<typeof ZList>;

export const ZListQuery = z.object({
  status: ZStatus.optional(),
  institutionId: z.coerce.number().int().positive().optional(),
  procedure: z.enum(PROCEDURES_OR_NONE).optional(),
  q: z.string().trim().max(40).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TListQuery = z.infer<typeof ZListQuery>;

export const ZHistoryEntry = z.object({
  at: z.string(),
  actorRole: z.string(),
  actorName: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
});

export const ZDetail = z.object({
  id: z.number(),
  status: ZStatus,
  statusLabel: z.string(),
  cycleName: z.string(),
  physician: ZPrefill,
  institutionName: z.string(),
  assessmentBodyName: z.string().nullable(),
  procedure: ZProcedure.nullable(),
  registration: z.record(z.string(), z.unknown()),
  departmentName: z.string().nullable(),
  selfEvaluation: z.record(z.string(), z.unknown()),
  procedureApplication: z.record(z.string(), z.unknown()),
  evaluation: z.record(z.string(), z.unknown()),
  hasPhoto: z.boolean(),
  workResult: z.string().nullable(),
  ethicsResult: z.string().nullable(),
  humanitiesScore: z.number().nullable(),
  professionalScore: z.number().nullable(),
  finalResult: z.string().nullable(),
  lastReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  history: z.array(ZHistoryEntry),
  actions: z.array(z.string()),
  /** the viewer may press 【查看完整证件号码】 (POST /api/enrolments/:id/reveal-id-number, audited) */
  canRevealIdNumber: z.boolean(),
});
export type TDetail = z.infer<typeof ZDetail>;

/* ------------------------------------------------------------------ 医师信息修改 */

export const ZChangeRequestInput = z.object({
  reason: z.string().trim().min(1, '请填写申请修改的原因').max(500, '原因不能超过500字'),
});
export const ZChangeRow = z.object({
  id: z.number(),
  enrolmentId: z.number(),
  name: z.string(),
  idNumber: z.string(),
  state: ZChangeState,
  stateLabel: z.string(),
  reason: z.string(),
  replyReason: z.string().nullable(),
  current: z.record(z.string(), z.unknown()),
  proposed: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export const ZChangeList = z.object({ items: z.array(ZChangeRow), nextCursor: z.number().nullable() });
export type TChangeRow = z.infer<typeof ZChangeRow>;
export const ZChangeListQuery = z.object({
  state: ZChangeState.optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/* ------------------------------------------------------------------ messages */
export const ZMessage = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export const ZMessageList = z.object({
  items: z.array(ZMessage),
  unread: z.number(),
  nextCursor: z.number().nullable(),
});
export type TMessageList = z.infer<typeof ZMessageList>;
