/**
 * 操作日志 entries as Chinese sentences (issue 12 item 4): who (role + name) did what to which
 * named object, with the reason and the changes users understand. Pure; names are looked up
 * by `org.audit.ts`. Keys without a Chinese label are left out — never raw JSON or English.
 */
import {
  CHANGE_STATE_LABELS,
  DEFERRAL_STATUS_LABELS,
  ENROLMENT_STATUS_LABELS,
  EXEMPTION_STATUS_LABELS,
  PROCEDURE_LABELS,
} from '../../../shared/domain/index.js';
import { ORG_STATUS_LABELS } from '../../../shared/schemas/org.js';

export const AUDIT_ROLE_LABELS: Record<string, string> = {
  admin: '卫生行政机构',
  institution: '卫生机构',
  body: '考核机构',
  industry: '行业组织',
  physician: '医师',
  system: '系统',
};

export const AUDIT_TARGET_LABELS: Record<string, string> = {
  organisation: '机构',
  account: '账号',
  department: '科室',
  assessment_application: '考核机构申请',
  enrolment: '考核记录',
  enrolment_change: '医师信息修改申请',
  exemption_application: '免考申请',
  exemption_reason: '免考理由',
  exemption_switch: '免考申请开关',
  deferral_application: '延期考核申请',
  exam_attempt: '测评',
  exam_blueprint: '试卷设置',
  mock_attempt: '模拟自测',
  wrong_question: '错题',
  physician: '医师',
  cycle: '考核周期',
  question: '试题',
  question_import: '试题导入',
  study_material: '考前资料',
  export: '导出',
  stats_snapshot: '统计数据',
  proctor_settings: '监考设置',
  proctor_case: '违纪处理',
  help_contact: '联系客服',
};

const STATUS_LABELS: Record<string, Record<string, string>> = {
  enrolment: ENROLMENT_STATUS_LABELS,
  exemption_application: EXEMPTION_STATUS_LABELS,
  deferral_application: DEFERRAL_STATUS_LABELS,
  enrolment_change: CHANGE_STATE_LABELS,
  organisation: ORG_STATUS_LABELS,
};

const yesNo = (v: unknown) => (v === true ? '是' : v === false ? '否' : null);
const allow = (v: unknown) => (v === true ? '允许' : v === false ? '不允许' : null);
const plain = (v: unknown) =>
  typeof v === 'number' ? String(v) : typeof v === 'string' && v.trim() && !/^[a-z_]+$/.test(v) ? v : null;

/** Fields shown in a sentence: Chinese label and how to read the value (null = leave out). */
const FIELDS: Record<string, [string, (v: unknown, targetType: string) => string | null]> = {
  status: ['状态', (v, t) => (typeof v === 'string' ? (STATUS_LABELS[t]?.[v] ?? null) : null)],
  state: ['状态', (v, t) => (typeof v === 'string' ? (STATUS_LABELS[t]?.[v] ?? null) : null)],
  procedure: ['考核程序', (v) => (v === 'general' || v === 'simple' ? PROCEDURE_LABELS[v] : null)],
  isAssessmentBody: ['考核机构', yesNo],
  canApplyAssessment: ['申请考核机构', allow],
  humanitiesScore: ['人文医学测评成绩', plain],
  professionalScore: ['业务水平测评成绩', plain],
  score: ['成绩', plain],
  finalResult: ['考核结果', plain],
  workResult: ['工作成绩', plain],
  ethicsResult: ['职业道德', plain],
  name: ['名称', plain],
  institutionName: ['卫生机构', plain],
};

export interface AuditFacts {
  actorRole: string;
  actorName: string;
  targetType: string;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

function changes(e: AuditFacts): string[] {
  const before = (e.before && typeof e.before === 'object' ? e.before : {}) as Record<string, unknown>;
  const after = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const [key, [label, read]] of Object.entries(FIELDS)) {
    if (!(key in after) && !(key in before)) continue;
    const b = key in before ? read(before[key], e.targetType) : null;
    const a = key in after ? read(after[key], e.targetType) : null;
    if (b && a && b !== a) out.push(`${label}由“${b}”改为“${a}”`);
    else if (a && !b) out.push(`${label}：${a}`);
  }
  return out;
}

/** e.g. 卫生机构“南宁市第一人民医院”审核通过（考核记录：张三），状态由“待卫生机构审核”改为“待考核机构复核”。 */
export function auditSummary(e: AuditFacts, objectName: string | null): string {
  const role = AUDIT_ROLE_LABELS[e.actorRole] ?? '';
  const who = e.actorRole === 'system' || !e.actorName ? role || '系统' : `${role}“${e.actorName}”`;
  const type = AUDIT_TARGET_LABELS[e.targetType];
  const object = type ? `（${type}${objectName ? `：${objectName}` : ''}）` : objectName ? `（${objectName}）` : '';
  const parts = [`${who}${e.action}${object}`];
  if (e.reason?.trim()) parts.push(`理由：${e.reason.trim()}`);
  parts.push(...changes(e));
  return `${parts.join('，')}。`;
}
