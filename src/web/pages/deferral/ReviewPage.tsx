import { ExportJobButton } from '../../components/ExportJobButton';
import { Button, Card, Descriptions, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Decision as Verdict } from '../../../shared/domain/decisions';
import type { TDeferralApplication } from '../../../shared/schemas/deferral';
import { download } from '../../api/client';
import {
  Attachments,
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
  type DeferralFilters,
  deferralPdfUrl,
  useDeferralApplication,
  useDeferralApplications,
  useDeferralReview,
} from '../../queries/deferral';
import { revealIdNumber } from '../../queries/enrolment';
import { attachmentUrl } from '../procedure/ProcedureStep';
import { fmt, Opinions } from './DeferralViews';

type Role = 'institution' | 'admin';
const DECISIONS: Decision<Verdict>[] = [
  { key: 'approve', label: '同意' },
  { key: 'reject', label: '不同意', needsOpinion: true },
];
const TEXT = {
  institution: { title: '延期考核申请', pending: '待审核', opinion: '卫生机构意见' },
  admin: { title: '延期考核审批', pending: '待审批', opinion: '卫生行政部门意见' },
};
const DONE: Record<Role, Record<Verdict, string>> = {
  institution: { approve: '已同意，提交卫生行政部门审批', reject: '已提交：卫生机构不同意' },
  admin: { approve: '已批准延期考核', reject: '已提交：不同意延期考核' },
};

/** 延期考核申请 (卫生机构: 卫生机构意见) / 延期考核审批 (卫生行政机构: 卫生行政部门意见). */
export function ReviewPage({ role }: { role: Role }) {
  const t = TEXT[role];
  const list = useListState<DeferralFilters>({ scope: 'pending' });
  const rows = useDeferralApplications(list.filters, list.page);
  const [open, setOpen] = useState<number | null>(null);
  const detail = useDeferralApplication(open);
  const review = useDeferralReview();
  const action = useAction();
  const d = detail.data;
  const printForm = (id: number) => action(() => download(deferralPdfUrl(id), '医师定期考核延期考核申请表.pdf'));
  const decide = async (agree: Verdict, opinion: string) => {
    if (open === null) return false;
    const ok = await action(() => review.mutateAsync({ id: open, agree, opinion }), DONE[role][agree]);
    if (ok) setOpen(null);
    return ok;
  };
  return (
    <Card title={t.title}>
      <FilterBar list={list} extra={<ExportJobButton kind="deferrals" params={list.filters} />}>
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
      <PagedTable<TDeferralApplication>
        list={list}
        rowKey="id"
        loading={rows.isLoading}
        dataSource={rows.data?.rows ?? []}
        total={rows.data?.total ?? 0}
        emptyText={list.filters.scope === 'pending' ? `暂无${t.pending}的延期考核申请` : '暂无延期考核申请'}
        scroll={{ x: role === 'institution' ? 830 : 990 }}
        columns={[
          { title: '姓名', dataIndex: 'physicianName', width: 90 },
          { title: '证件号码', dataIndex: 'idNumber', width: 170, render: (v: string) => <IdNumber value={v} /> },
          // an institution only ever sees its own physicians
          ...(role === 'admin'
            ? [{ title: '卫生机构', dataIndex: 'institutionName', width: 160, ellipsis: true }]
            : []),
          { title: '申请延期考核原因', dataIndex: 'reason', ellipsis: { showTitle: true } },
          { title: '状态', dataIndex: 'status', width: 160, render: (s) => <StatusTag kind="deferral" status={s} /> },
          { title: '申请时间', dataIndex: 'submittedAt', width: 110, render: fmt },
          {
            title: '操作',
            width: 160,
            fixed: 'right',
            render: (_, r) => (
              <Space>
                <Button type="link" onClick={() => setOpen(r.id)}>
                  {r.actions.length > 0 ? '审核' : '查看'}
                </Button>
                <Button type="link" onClick={() => printForm(r.id)}>
                  打印申请表
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <ReviewDrawer
        open={open !== null}
        title="延期考核申请"
        width={760}
        onClose={() => setOpen(null)}
        loading={detail.isLoading}
        decisions={d?.actions.length ? DECISIONS : []}
        choice
        opinion={{ label: t.opinion, placeholder: '意见（不同意时必填）' }}
        onDecide={decide}
      >
        {d && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label="姓名">{d.physicianName}</Descriptions.Item>
              <Descriptions.Item label="性别">{d.gender}</Descriptions.Item>
              <Descriptions.Item label="身份证号">
                <IdNumber value={d.idNumber} reveal={() => revealIdNumber(d.enrolmentId)} />
              </Descriptions.Item>
              <Descriptions.Item label="所在执业卫生机构">{d.institutionName}</Descriptions.Item>
            </Descriptions>
            <Opinions a={d} />
            <Typography.Text strong>附件</Typography.Text>
            <Attachments files={d.files} src={(f) => attachmentUrl(d.enrolmentId, f.id)} emptyText="未上传附件" />
          </Space>
        )}
      </ReviewDrawer>
    </Card>
  );
}
