import { ExportJobButton } from '../../components/ExportJobButton';
import { Button, Card, Form, Select } from 'antd';
import { useState } from 'react';
import type { ExemptionDecision } from '../../../shared/domain/decisions';
import { PROCEDURE_LABELS, PROCEDURES, type Procedure } from '../../../shared/domain/procedure';
import type { TExemptionApplication } from '../../../shared/schemas/exemption';
import {
  type Decision,
  FilterBar,
  IdNumber,
  KeywordFilter,
  PagedTable,
  ReviewDrawer,
  StatusTag,
  useAction,
  useListState,
} from '../../components';
import {
  type ExemptionFilters,
  useExemptionApplication,
  useExemptionApplications,
  useExemptionReview,
} from '../../queries/exemption';
import { ExemptionDetail } from './ExemptionDetail';

type Role = 'institution' | 'body';
const fmt = (iso: string) => iso.slice(0, 10).replaceAll('-', '/');

const DECISIONS: Record<Role, Decision<ExemptionDecision>[]> = {
  institution: [
    { key: 'reject_supplement', label: '驳回补充材料', danger: true, needsOpinion: true },
    { key: 'reject_final', label: '驳回禁止再次申请', danger: true, needsOpinion: true },
    { key: 'approve', label: '提交' },
  ],
  body: [
    { key: 'reject_supplement', label: '驳回 需补充材料', danger: true, needsOpinion: true },
    { key: 'reject_final', label: '驳回 禁止再次申请', danger: true, needsOpinion: true },
    { key: 'approve', label: '通过' },
  ],
};
const DONE: Record<Role, Record<ExemptionDecision, string>> = {
  institution: {
    approve: '已提交考核机构复核',
    reject_supplement: '已驳回，医师可补充材料后重新申请',
    reject_final: '已驳回，医师不能再次申请',
  },
  body: {
    approve: '免考申请已通过',
    reject_supplement: '已驳回，医师可补充材料后重新申请',
    reject_final: '已驳回，医师不能再次申请',
  },
};
const TEXT = {
  institution: { title: '审核一般程序免考申请', pending: '待审核', open: '去评定' },
  body: { title: '一般程序复核免考申请', pending: '待复核', open: '复核' },
};

/** 审核一般程序免考申请 (卫生机构) / 一般程序复核免考申请 (考核机构); both procedures, with a 考核程序 column. */
export function ReviewPage({ role }: { role: Role }) {
  const t = TEXT[role];
  const list = useListState<ExemptionFilters>({ scope: 'pending' });
  const rows = useExemptionApplications(list.filters, list.page);
  const [open, setOpen] = useState<number | null>(null);
  const detail = useExemptionApplication(open);
  const review = useExemptionReview();
  const action = useAction();
  const d = detail.data;
  const decide = async (decision: ExemptionDecision, opinion: string) => {
    if (open === null) return false;
    const ok = await action(() => review.mutateAsync({ id: open, decision, opinion }), DONE[role][decision]);
    if (ok) setOpen(null);
    return ok;
  };
  return (
    <Card title={t.title}>
      <FilterBar list={list} extra={<ExportJobButton kind="exemptions" params={list.filters} />}>
        <Form.Item name="procedure">
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder="全部程序"
            options={PROCEDURES.map((p) => ({ value: p, label: PROCEDURE_LABELS[p] }))}
          />
        </Form.Item>
        <Form.Item name="scope">
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'pending', label: t.pending },
              { value: 'all', label: '全部' },
            ]}
          />
        </Form.Item>
        <KeywordFilter />
      </FilterBar>
      <PagedTable<TExemptionApplication>
        list={list}
        rowKey="id"
        loading={rows.isLoading}
        dataSource={rows.data?.rows ?? []}
        total={rows.data?.total ?? 0}
        emptyText={list.filters.scope === 'pending' ? `暂无${t.pending}的免考申请` : '暂无免考申请'}
        scroll={{ x: role === 'institution' ? 980 : 1140 }}
        columns={[
          { title: '姓名', dataIndex: 'physicianName', width: 90 },
          { title: '证件号码', dataIndex: 'idNumber', width: 170, render: (v: string) => <IdNumber value={v} /> },
          // an institution only ever sees its own physicians
          ...(role === 'body' ? [{ title: '卫生机构', dataIndex: 'institutionName', width: 160, ellipsis: true }] : []),
          { title: '考核程序', dataIndex: 'procedure', width: 90, render: (v: Procedure) => PROCEDURE_LABELS[v] },
          { title: '免考项目', dataIndex: 'exempts', width: 110 },
          {
            title: '免考理由',
            dataIndex: 'reasons',
            ellipsis: { showTitle: true },
            render: (rs: { reason: string }[]) => rs.map((r) => r.reason).join('；'),
          },
          { title: '状态', dataIndex: 'status', width: 150, render: (s) => <StatusTag kind="exemption" status={s} /> },
          { title: '申请时间', dataIndex: 'submittedAt', width: 110, render: fmt },
          {
            title: '操作',
            width: 90,
            fixed: 'right',
            render: (_, r) => (
              <Button type="link" onClick={() => setOpen(r.id)}>
                {r.actions.length ? t.open : '查看'}
              </Button>
            ),
          },
        ]}
      />
      <ReviewDrawer
        open={open !== null}
        title="免考申请"
        width={760}
        onClose={() => setOpen(null)}
        loading={detail.isLoading}
        decisions={DECISIONS[role].filter((b) => d?.decisions?.includes(b.key))}
        opinion={{ label: '审核意见', placeholder: '审核意见（驳回时必填）' }}
        onDecide={decide}
      >
        {d && <ExemptionDetail d={d} />}
      </ReviewDrawer>
    </Card>
  );
}
