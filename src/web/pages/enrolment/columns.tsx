import type { ColumnsType } from 'antd/es/table';
import { procedureLabel } from '../../../shared/domain/procedure';
import type { TListRow } from '../../../shared/schemas/enrolment';
import { IdNumber, StatusTag } from '../../components';
import { fmtTime } from './format';

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** The columns every enrolment list shows (证件号码 masked); `withInstitution` adds 卫生机构. */
export function enrolmentColumns(withInstitution = true): ColumnsType<TListRow> {
  const cols: ColumnsType<TListRow> = [
    { title: '姓名', dataIndex: 'name', key: 'name' },
    { title: '证件号码', dataIndex: 'idNumber', key: 'idNumber', render: (v: string) => <IdNumber value={v} /> },
    { title: '性别', dataIndex: 'gender', key: 'gender' },
    { title: '医师级别', dataIndex: 'level', key: 'level' },
    { title: '执业类别', dataIndex: 'category', key: 'category' },
    ...(withInstitution ? [{ title: '卫生机构', dataIndex: 'institutionName', key: 'institutionName' }] : []),
    { title: '考核程序', dataIndex: 'procedure', key: 'procedure', render: procedureLabel },
    {
      title: '考核状态',
      dataIndex: 'status',
      key: 'status',
      render: (s: TListRow['status']) => <StatusTag kind="enrolment" status={s} />,
    },
    { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', render: fmtTime },
  ];
  return cols.map((c) => ({
    ...c,
    onHeaderCell: nowrap,
    onCell: c.key === 'institutionName' ? () => ({ style: { minWidth: 180 } }) : nowrap,
  }));
}
