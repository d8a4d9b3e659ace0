import { Alert, Button, Card, Checkbox, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { ENROLMENT_STATUS_LABELS, ENROLMENT_STATUSES } from '../../../shared/domain/enrolment';
import { PROCEDURE_LABELS, PROCEDURES } from '../../../shared/domain/procedure';
import type { TListRow } from '../../../shared/schemas/enrolment';
import { download } from '../../api/client';
import {
  errorText,
  FilterBar,
  KeywordFilter,
  PagedTable,
  ReviewDrawer,
  useAction,
  useListState,
} from '../../components';
import { useActor } from '../../app/auth';
import { type EnrolmentFilters, useEnrolmentList, useInstitutionOptions } from '../../queries/enrolment';
import { ExportJobButton } from '../../components/ExportJobButton';
import { AdminRejectModal } from './AdminRejectModal';
import { enrolmentColumns } from './columns';
import { EnrolmentDetailView } from './EnrolmentDetail';

const STATUS_OPTIONS = ENROLMENT_STATUSES.filter((s) => s !== 'not_opened').map((s) => ({
  value: s,
  label: ENROLMENT_STATUS_LABELS[s],
}));
const PROCEDURE_OPTIONS = [
  ...PROCEDURES.map((p) => ({ value: p, label: PROCEDURE_LABELS[p] })),
  { value: 'none', label: '未选择' },
];

/** 考核进度 / 查看考核进度 (administration: its subtree; institution: its own; body: assigned institutions). */
export function ProgressPage() {
  const me = useActor();
  const list = useListState<EnrolmentFilters>({});
  const rows = useEnrolmentList(list.filters, list.cursor as number | undefined);
  const action = useAction();
  const [view, setView] = useState<TListRow | null>(null);
  const [reject, setReject] = useState<TListRow | null>(null);
  const [instQ, setInstQ] = useState('');
  const [picked, setPicked] = useState<number[]>([]);
  const [withSelf, setWithSelf] = useState(false);
  const { procedure: pf, institutionId } = list.filters as { procedure?: string; institutionId?: number };
  const insts = useInstitutionOptions(instQ, me.role !== 'institution');
  const print = (row: TListRow) =>
    action(() => download(`/api/notices/${row.id}.pdf`, `考核结果通知书-${row.name}.pdf`));
  return (
    <Card title={me.role === 'admin' ? '查看考核进度' : '考核进度'}>
      <FilterBar
        list={list}
        extra={
          <Space>
            <Checkbox checked={withSelf} onChange={(e) => setWithSelf(e.target.checked)}>
              导出含工作成绩、职业道德自评
            </Checkbox>
            <ExportJobButton
              kind="progress"
              params={withSelf ? { ...list.filters, withSelfEvaluation: true } : list.filters}
            />
            <ExportJobButton
              kind="notices"
              label={`${me.role === 'admin' ? '批量证书打印' : '批量打印证书'}${picked.length ? `（已选${picked.length}人）` : '（按筛选条件）'}`}
              params={
                picked.length ? { enrolmentIds: picked } : { institutionId, procedure: pf === 'none' ? undefined : pf }
              }
            />
          </Space>
        }
      >
        <Form.Item name="status" label="考核状态">
          <Select allowClear style={{ width: 180 }} placeholder="全部" options={STATUS_OPTIONS} />
        </Form.Item>
        {me.role !== 'institution' && (
          <Form.Item name="institutionId" label="卫生机构">
            <Select
              allowClear
              showSearch
              filterOption={false}
              onSearch={setInstQ}
              style={{ width: 220 }}
              placeholder="全部"
              options={(insts.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="procedure" label="考核程序">
          <Select allowClear style={{ width: 140 }} placeholder="全部" options={PROCEDURE_OPTIONS} />
        </Form.Item>
        <KeywordFilter name="q" label="姓名/证件号" />
      </FilterBar>
      {rows.error && <Alert type="error" message={errorText(rows.error)} />}
      <PagedTable<TListRow>
        list={list}
        rowKey="id"
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as number[]) }}
        loading={rows.isLoading}
        dataSource={rows.data?.items ?? []}
        next={rows.data?.nextCursor ?? null}
        columns={[
          ...enrolmentColumns(),
          {
            title: '操作',
            key: 'op',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" onClick={() => setView(row)}>
                  查看
                </Button>
                {row.status === 'passed' && (
                  <Button type="link" onClick={() => print(row)}>
                    {me.role === 'admin' ? '证书打印' : '打印证书'}
                  </Button>
                )}
                {(row.actions.includes('ADMIN_REJECT_EXIT') || row.actions.includes('ADMIN_REJECT_RESELECT')) && (
                  <Button type="link" danger onClick={() => setReject(row)}>
                    驳回
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ReviewDrawer open={!!view} title={view ? `查看：${view.name}` : ''} onClose={() => setView(null)}>
        {view && <EnrolmentDetailView id={view.id} />}
      </ReviewDrawer>
      <AdminRejectModal row={reject} onClose={() => setReject(null)} />
    </Card>
  );
}
