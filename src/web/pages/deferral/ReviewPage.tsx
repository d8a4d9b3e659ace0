import { Button, Descriptions, Space, Typography } from 'antd';
import type { Decision as Verdict } from '../../../shared/domain/decisions';
import type { TDeferralApplication } from '../../../shared/schemas/deferral';
import { download } from '../../api/client';
import { Attachments, type Decision, IdNumber, StatusTag, useAction } from '../../components';
import { type ReviewListConfig, ReviewListPage } from '../../components/ReviewListPage';
import {
  type DeferralDetail,
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

function useDecide() {
  const review = useDeferralReview();
  return (id: number, agree: Verdict, opinion: string) => review.mutateAsync({ id, agree, opinion });
}

function PrintLink({ id }: { id: number }) {
  const action = useAction();
  return (
    <Button type="link" onClick={() => action(() => download(deferralPdfUrl(id), '医师定期考核延期考核申请表.pdf'))}>
      打印申请表
    </Button>
  );
}

function Detail({ d }: { d: DeferralDetail }) {
  return (
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
  );
}

const config = (role: Role): ReviewListConfig<TDeferralApplication, DeferralDetail, Verdict, DeferralFilters> => ({
  ...TEXT[role],
  noun: '延期考核申请',
  exportKind: 'deferrals',
  useRows: useDeferralApplications,
  useDetail: useDeferralApplication,
  useDecide,
  decisions: (d) => (d?.actions.length ? DECISIONS : []),
  done: DONE[role],
  institutionColumn: role === 'admin',
  scrollX: role === 'institution' ? 830 : 990,
  columns: [
    { title: '申请延期考核原因', dataIndex: 'reason', ellipsis: { showTitle: true } },
    { title: '状态', dataIndex: 'status', width: 160, render: (s) => <StatusTag kind="deferral" status={s} /> },
    { title: '申请时间', dataIndex: 'submittedAt', width: 110, render: fmt },
  ],
  openLabel: '审核',
  rowLinks: (r) => <PrintLink id={r.id} />,
  actionWidth: 160,
  drawer: { choice: true, opinion: { label: TEXT[role].opinion, placeholder: '意见（不同意时必填）' } },
  renderDetail: (d) => <Detail d={d} />,
});
const CONFIGS = { institution: config('institution'), admin: config('admin') };

/** 延期考核申请 (卫生机构: 卫生机构意见) / 延期考核审批 (卫生行政机构: 卫生行政部门意见). */
export function ReviewPage({ role }: { role: Role }) {
  return <ReviewListPage config={CONFIGS[role]} />;
}
