import { loadExcel } from '../../../platform/lazy.js';
import {
  ID_TYPES,
  INSTITUTION_IMPORT_COLUMNS,
  PHYSICIAN_IMPORT_COLUMNS,
  PHYSICIAN_LEVELS,
  PRACTICE_CATEGORIES,
} from '../../../../shared/schemas/physician.js';

/** 【下载模板】 */
export async function template(kind: 'physicians' | 'institutions'): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(kind === 'physicians' ? '医师信息' : '卫生机构');
  const cols = kind === 'physicians' ? PHYSICIAN_IMPORT_COLUMNS : INSTITUTION_IMPORT_COLUMNS;
  ws.columns = cols.map((c) => ({
    header: c,
    key: c,
    width: c === '证件号码' || c === '机构名称' || c === '详细地址' ? 26 : 16,
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'c', width: 18 },
    { header: '是否必填', key: 'r', width: 10 },
    { header: '说明', key: 'd', width: 80 },
  ];
  const rows: [string, string, string][] =
    kind === 'physicians'
      ? [
          ['姓名', '必填', '与执业证书一致，例：张三'],
          ['证件类型', '选填', `${ID_TYPES.join('、')}；留空按居民身份证处理`],
          [
            '证件号码',
            '必填',
            '居民身份证为18位（末位X大写小写均可）或旧版15位；请以文本格式填写，例：450103198001011234',
          ],
          ['性别', '选填', '男、女；居民身份证可留空（按证件号码推算），填写时须与证件号码一致'],
          ['出生日期', '选填', 'YYYY-MM-DD；居民身份证可留空'],
          ['医师级别', '必填', PHYSICIAN_LEVELS.join('、')],
          ['执业类别', '必填', PRACTICE_CATEGORIES.join('、')],
          ['执业范围', '选填', '例：内科专业'],
          ['资格证书编号', '选填', ''],
          ['执业证书编号', '选填', ''],
          ['首次注册时间', '选填', 'YYYY-MM-DD'],
          ['职称', '选填', '住院医师、主治医师、副主任医师、主任医师等'],
          [
            '所在机构账号',
            '卫生行政机构必填',
            '医师所在卫生机构的机构账号（须在本机构管辖范围内）；卫生机构导入时留空即为本机构',
          ],
          [
            '',
            '',
            '任一行有误时整个文件都不会导入，系统会列出每一行的错误，修改后重新上传即可。文件不超过 50 MB，支持 .xlsx 或 UTF-8 编码的 .csv。',
          ],
        ]
      : [
          ['机构账号', '必填', '2至40位字母、数字、下划线或短横线，全国唯一，作为登录账号；初始密码 666666'],
          ['机构名称', '必填', '例：南宁市第二人民医院'],
          ['详细地址', '选填', ''],
          ['上级行政机构账号', '选填', '留空即挂在本机构下；填写时须为本机构或下级卫生行政机构的账号'],
          ['', '', '导入的卫生机构为“未激活”状态，请在 所辖机构账户管理 → 卫生机构 中激活。'],
        ];
  for (const [c, r, d] of rows) help.addRow({ c, r, d });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
