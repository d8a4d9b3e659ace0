/**
 * Step 4 of the registration wizard — 工作成绩、职业道德自评 — as labelled Chinese sections,
 * laid out like the wizard step. Pure, shared by the review drawers, 考核进度 【查看】 and
 * exports, so a reviewer reads what the physician filled in, never a stored key.
 */

/** 直接认定为不合格的情形 (《医师定期考核管理办法》), asked one by one in step 4. */
export const DISQUALIFYING_SITUATIONS = [
  '在发生的医疗事故中负有完全或主要责任的',
  '未经所在机构或者卫生行政部门批准，擅自在注册地点以外的医疗、预防、保健机构进行执业活动的',
  '跨执业类别进行执业活动的',
  '代他人参加医师资格考试的',
  '在医疗卫生服务活动中索要患者及其亲友财物或者牟取其他不正当利益的',
  '索要或者收受医疗器械、药品、试剂等生产、销售企业或其工作人员给予的回扣、提成或者谋取其他不正当利益的',
  '通过介绍病人到其他单位检查、治疗或者购买药品、医疗器械等收取回扣或者提成的',
  '出具虚假医学证明文件，参与虚假医学鉴定或者故意不如实出具医学鉴定意见的',
  '未按照规定执行医院感染控制任务，未有效实施消毒或者无害化处置，造成疾病传播、流行的',
  '故意泄露传染病人、病原携带者、疑似传染病病人、密切接触者涉及个人隐私的有关信息、资料的',
  '疾病预防控制机构的医师未依法履行传染病监测、报告、调查、处理职责，造成严重后果的',
  '考核周期内，有一次以上医德考评结果为医德较差的',
  '无正当理由不参加考核，或者扰乱考核秩序的',
  '违反《中华人民共和国医师法》有关规定，被行政处罚的',
] as const;

export interface SelfEvaluationRow {
  label: string;
  /** what the physician chose or wrote; 未填写 when left empty */
  value: string;
}
export interface SelfEvaluationSection {
  title: string;
  rows: SelfEvaluationRow[];
}

const EMPTY = '未填写';

function text(v: unknown): string {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim() || EMPTY;
  return EMPTY;
}

/**
 * The stored `self_evaluation` (decision 0010: step 4 fields, `disqualifying` one 有/无 per
 * situation) as the wizard's three sections. Conditional fields appear only when their
 * switch is 有, as in the wizard; unknown keys are never shown.
 */
export function selfEvaluationSections(raw: Record<string, unknown> | null | undefined): SelfEvaluationSection[] {
  const s = raw ?? {};
  const record: SelfEvaluationRow[] = [{ label: '良好执业行为记录', value: text(s.goodRecord) }];
  if (s.goodRecord === '有') {
    record.push(
      { label: '受到的表彰、奖励', value: text(s.goodRecordAwards) },
      { label: '完成政府的指令性任务', value: text(s.goodRecordTasks) },
      { label: '取得的科研成果', value: text(s.goodRecordResearch) },
    );
  }
  record.push({ label: '不良执业行为记录', value: text(s.badRecord) });
  if (s.badRecord === '有') record.push({ label: '不良执业行为记录说明', value: text(s.badRecordDetail) });

  const work: SelfEvaluationRow[] = [
    { label: '完成工作数量', value: text(s.workQuantity) },
    { label: '接诊病人数', value: text(s.patients) },
    { label: '手术量（外科科室）', value: text(s.operations) },
    { label: '检验/检查量（医技科室）', value: text(s.examinations) },
    { label: '查房次数', value: text(s.wardRounds) },
    { label: '完成工作质量', value: text(s.workQuality) },
    { label: '完成政府指令性工作情况', value: text(s.governmentTasks) },
  ];

  const answers = Array.isArray(s.disqualifying) ? (s.disqualifying as unknown[]) : [];
  const ethics: SelfEvaluationRow[] = DISQUALIFYING_SITUATIONS.map((label, i) => ({
    label: `${i + 1}. ${label}`,
    value: text(answers[i]),
  }));
  ethics.push({ label: '医德医风自评', value: text(s.ethicsSelf) });

  return [
    { title: '执业行为记录自评', rows: record },
    { title: '工作成绩自评', rows: work },
    { title: '职业道德自评', rows: ethics },
  ];
}

/** One line per section for a spreadsheet cell: 「标签：值；…」. */
export function selfEvaluationText(raw: Record<string, unknown> | null | undefined): string {
  return selfEvaluationSections(raw)
    .map((sec) => `【${sec.title}】${sec.rows.map((r) => `${r.label}：${r.value}`).join('；')}`)
    .join('\n');
}
