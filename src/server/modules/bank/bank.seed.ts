import type { Tx } from '../../db/client.js';
import { accounts, questions, questionVersions, studyMaterials } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { and, eq } from 'drizzle-orm';
import { demoQuestions } from './data/index.js';
import { reserveIds } from './bank.repo.js';

/** Runs after the core demo data; the exam module's blueprints (if any) can rely on the bank. */
export const order = 30;

const MATERIALS = [
  {
    title: '医师定期考核政策要点',
    summary: '考核周期、考核内容、考核程序与不合格的处理。',
    content:
      '一、考核周期：根据《医师法》，国家实行医师定期考核制度，考核周期为三年。\n' +
      '二、考核内容：业务水平、工作业绩和职业道德状况。\n' +
      '三、考核程序：分为一般程序和简易程序。简易程序须完成人文医学测评；一般程序须完成人文医学测评和业务水平测评，先完成人文医学测评。\n' +
      '四、测评规则：人文医学测评60分钟、可多次作答，达到合格分数即视为交卷；业务水平测评60分钟、仅一次作答机会。合格线：人文医学60分；业务水平执业医师60分、执业助理医师55分。\n' +
      '五、不合格的处理：考核不合格的医师，由卫生健康主管部门责令暂停执业活动三个月至六个月，并接受相关专业培训；暂停执业活动期满再次考核，合格者允许继续执业。',
  },
  {
    title: '人文医学测评复习提纲',
    summary: '法律法规、医学伦理、医患沟通、心理学、卫生管理、人文素养六部分的复习重点。',
    content:
      '法律法规：《医师法》（2022年3月1日施行）、《基本医疗卫生与健康促进法》、《医疗纠纷预防和处理条例》、《处方管理办法》、《病历书写基本规范》、《传染病防治法》。\n' +
      '医学伦理：尊重、不伤害、有利、公正四原则；知情同意；保密；人体研究伦理（《纽伦堡法典》《赫尔辛基宣言》）。\n' +
      '医患沟通：萨斯-荷伦德三种医患关系模式；开放式提问；共情；告知坏消息的SPIKES模式。\n' +
      '心理学：患者角色适应不良；心理防御机制；常用心理评估量表；临终患者心理五阶段。\n' +
      '卫生管理：18项医疗质量安全核心制度；抗菌药物分级管理；手卫生；医疗废物分类。\n' +
      '人文素养：医学史上的重要人物与事件；生物-心理-社会医学模式；《中国医师宣言》。',
  },
  {
    title: '常用时限速记表',
    summary: '病历书写、处方、传染病报告、尸检等常考时限。',
    content:
      '入院记录：入院后24小时内；首次病程记录：8小时内；上级医师首次查房记录：48小时内；抢救记录：抢救结束后6小时内补记。\n' +
      '急会诊：10分钟内到场；常规会诊：48小时内完成。\n' +
      '处方：当日有效，延长最长3天；普通处方一般不超过7日用量，急诊处方一般不超过3日用量。\n' +
      '传染病网络报告：甲类及按甲类管理的2小时内，其他乙、丙类24小时内。\n' +
      '尸检：死亡后48小时内；具备尸体冻存条件的可延长至7日。',
  },
];

export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const list = demoQuestions();
  const qIds = await reserveIds(tx, 'questions_id_seq', list.length);
  const vIds = await reserveIds(tx, 'question_versions_id_seq', list.length);
  for (let i = 0; i < list.length; i += 400) {
    const chunk = list.slice(i, i + 400);
    await tx.insert(questions).values(
      chunk.map((q, j) => ({
        id: qIds[i + j],
        provinceId: ctx.provinceId,
        bank: q.bank,
        category: q.category,
        practiceCategory: q.practiceCategory,
        currentVersionId: vIds[i + j],
      })),
    );
    await tx.insert(questionVersions).values(
      chunk.map((q, j) => ({
        id: vIds[i + j],
        questionId: qIds[i + j],
        version: 1,
        type: q.type,
        stem: q.stem,
        options: q.options,
        answer: q.answer,
        explanation: q.explanation,
        difficulty: q.difficulty,
      })),
    );
  }
  const [admin] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.kind, 'org'), eq(accounts.orgId, ctx.orgIds.province)));
  await tx
    .insert(studyMaterials)
    .values(MATERIALS.map((m) => ({ ...m, provinceId: ctx.provinceId, createdBy: admin?.id ?? 0 })));
  ctx.log.info({ questions: list.length }, '题库演示数据已写入');
}
