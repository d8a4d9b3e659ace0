import type ExcelJS from 'exceljs';
import { loadExcel } from '../../../platform/lazy.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { HUMANITIES_CHAPTERS, IMPORT_COLUMNS, PROFESSIONAL_SPECIALTIES } from '../../../../shared/schemas/bank.js';
import { questionToCells } from '../bank.rules.js';

export function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
}

/** 下载导入模板: the columns, three example rows and a sheet listing the valid categories. */
export async function importTemplate(actor: Actor): Promise<Buffer> {
  requireProvinceAdmin(actor);
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet('试题');
  ws.columns = IMPORT_COLUMNS.map((h) => ({
    header: h,
    width: h === '题干' || h === '解析' ? 40 : h.startsWith('选项') ? 18 : 10,
  }));
  styleHeader(ws.getRow(1));
  const examples = [
    {
      bank: 'humanities' as const,
      category: '法律法规',
      practiceCategory: null,
      type: 'single' as const,
      stem: '根据《医师法》，国家对医师实行定期考核，考核周期为',
      options: [
        { key: 'A', text: '一年' },
        { key: 'B', text: '二年' },
        { key: 'C', text: '三年' },
        { key: 'D', text: '五年' },
      ],
      answer: ['C'],
      explanation: '《医师法》第四十二条：医师定期考核周期为三年。',
      difficulty: 1,
    },
    {
      bank: 'professional' as const,
      category: '急诊',
      practiceCategory: '临床',
      type: 'multiple' as const,
      stem: '成人高质量胸外按压的要求包括',
      options: [
        { key: 'A', text: '按压频率100～120次/分' },
        { key: 'B', text: '按压深度5～6cm' },
        { key: 'C', text: '每次按压后让胸廓充分回弹' },
        { key: 'D', text: '为评估脉搏可频繁中断按压' },
      ],
      answer: ['A', 'B', 'C'],
      explanation: '应尽量减少按压中断，中断时间不超过10秒。',
      difficulty: 2,
    },
    {
      bank: 'humanities' as const,
      category: '医学伦理',
      practiceCategory: null,
      type: 'judge' as const,
      stem: '患者知情同意只需口头告知，无需任何书面记录。',
      options: [
        { key: 'A', text: '正确' },
        { key: 'B', text: '错误' },
      ],
      answer: ['B'],
      explanation: '手术、特殊检查、特殊治疗等须取得患者书面同意。',
      difficulty: 1,
    },
  ];
  for (const e of examples) ws.addRow(questionToCells(e));
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  help.addRows([
    ['题库', '人文医学 或 业务水平'],
    ['分类（人文医学）', HUMANITIES_CHAPTERS.join('、')],
    ...Object.entries(PROFESSIONAL_SPECIALTIES).map(([k, v]) => [`分类（业务水平·${k}）`, v.join('、')]),
    ['执业类别', '业务水平必填：临床、中医、口腔、公共卫生；人文医学留空'],
    ['题型', '单选题、多选题、判断题'],
    ['选项', '选项A起连续填写，2～8个；判断题可留空（自动为 A 正确、B 错误）'],
    ['答案', '单选填一个字母；多选填两个及以上字母，如 ACD；判断题填 正确 或 错误'],
    ['难度', '1（易）～5（难）的整数'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
