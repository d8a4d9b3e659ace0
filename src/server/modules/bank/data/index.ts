/** The demo question bank, written for this project (see format.ts for the line format). */
import { expand, fromTable, type SeedQuestion } from './format.js';
import { ANTIDOTES, ADVERSE, EMERGENCY, GENERAL, INTERNAL, OBSTETRICS, PEDIATRICS, SURGERY } from './clinical.js';
import { ETHICS } from './humanities-ethics.js';
import { COMMUNICATION, PSYCHOLOGY } from './humanities-comm.js';
import { LAW } from './humanities-law.js';
import { LITERACY, MANAGEMENT } from './humanities-mgmt.js';
import { ACUPOINTS, DEFICIENCY, DENTAL, DISEASE_CLASS, EPIDEMIOLOGY, HERBS, NUTRITION_OCC, STATISTICS, TCM } from './tcm-dental-ph.js';

export type { SeedQuestion };

/** The dental lines are split over the four 口腔 专业 by their subject. */
function dentalCategory(stem: string): string {
  if (/义齿|修复|基牙/.test(stem)) return '口腔修复';
  if (/拔牙|麻醉|间隙感染|恶性肿瘤|干槽症|下牙槽/.test(stem)) return '口腔颌面外科';
  if (/含氟|窝沟|刷牙|健康教育|乳牙龋坏/.test(stem)) return '口腔预防';
  return '口腔内科';
}

export function demoQuestions(): SeedQuestion[] {
  const h = (category: string, text: string) => expand('humanities', category, null, text);
  const p = (pc: string, category: string, text: string) => expand('professional', category, pc, text);
  const dental = expand('professional', '口腔内科', '口腔', DENTAL).map((q) => ({ ...q, category: dentalCategory(q.stem) }));
  const tcm = expand('professional', '中医基础', '中医', TCM).map((q) => ({
    ...q,
    category: /汤|丸|十八反/.test(q.stem) ? '中药方剂' : /针|腧穴|穴/.test(q.stem) ? '针灸' : /感冒/.test(q.stem) ? '中医内科' : '中医基础',
  }));
  return [
    ...h('法律法规', LAW),
    ...h('医学伦理', ETHICS),
    ...h('医患沟通', COMMUNICATION),
    ...h('心理学', PSYCHOLOGY),
    ...h('卫生管理', MANAGEMENT),
    ...h('人文素养', LITERACY),
    ...p('临床', '内科', INTERNAL),
    ...fromTable('professional', '内科', '临床', ADVERSE, (d) => `${d}最具特征性的不良反应是`, (d, v) => `${d}的特征性不良反应为${v}，用药期间应注意监测。`, 3),
    ...p('临床', '外科', SURGERY),
    ...p('临床', '妇产科', OBSTETRICS),
    ...p('临床', '儿科', PEDIATRICS),
    ...p('临床', '急诊', EMERGENCY),
    ...fromTable('professional', '急诊', '临床', ANTIDOTES, (d) => `${d}的特效解毒药物是`, (d, v) => `${d}的特效解毒药物为${v}，同时应给予清除毒物和对症支持治疗。`, 2),
    ...p('临床', '全科医学', GENERAL),
    ...tcm,
    ...fromTable('professional', '针灸', '中医', ACUPOINTS, (a) => `${a}穴所属的经脉是`, (a, v) => `${a}为${v}腧穴。`, 2),
    ...fromTable('professional', '中药方剂', '中医', HERBS, (a) => `按《中药学》功效分类，${a}属于`, (a, v) => `${a}在《中药学》中归属${v}。`, 2),
    ...dental,
    ...fromTable('professional', '传染病防制', '公共卫生', DISEASE_CLASS, (d) => `按《传染病防治法》的分类，${d}属于`, (d, v) => `《传染病防治法》将${d}列为${v}。`, 2),
    ...fromTable('professional', '营养与食品卫生', '公共卫生', DEFICIENCY, (n) => `${n}缺乏可引起`, (n, v) => `${n}缺乏可引起${v}。`, 2),
    ...p('公共卫生', '流行病学', EPIDEMIOLOGY),
    ...p('公共卫生', '卫生统计', STATISTICS),
    ...expand('professional', '营养与食品卫生', '公共卫生', NUTRITION_OCC).map((q) => ({
      ...q,
      category: /矽肺|苯|铅|噪声|职业/.test(q.stem) ? '职业与环境卫生' : '营养与食品卫生',
    })),
  ];
}
