import { Form, Select } from 'antd';
import type { ExemptionDecision } from '../../../shared/domain/decisions';
import { PROCEDURE_LABELS, PROCEDURES, type Procedure } from '../../../shared/domain/procedure';
import type { TExemptionApplication } from '../../../shared/schemas/exemption';
import { type Decision, StatusTag } from '../../components';
import { type ReviewListConfig, ReviewListPage } from '../../components/ReviewListPage';
import {
  type ExemptionDetail as Detail,
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
const REJECTED = {
  reject_supplement: '已驳回，医师可补充材料后重新申请',
  reject_final: '已驳回，医师不能再次申请',
};
const DONE: Record<Role, Record<ExemptionDecision, string>> = {
  institution: { approve: '已提交考核机构复核', ...REJECTED },
  body: { approve: '免考申请已通过', ...REJECTED },
};
const TEXT = {
  institution: { title: '审核一般程序免考申请', pending: '待审核', openLabel: '去评定' },
  body: { title: '一般程序复核免考申请', pending: '待复核', openLabel: '复核' },
};

function useDecide() {
  const review = useExemptionReview();
  return (id: number, decision: ExemptionDecision, opinion: string) => review.mutateAsync({ id, decision, opinion });
}

const config = (role: Role): ReviewListConfig<TExemptionApplication, Detail, ExemptionDecision, ExemptionFilters> => ({
  ...TEXT[role],
  noun: '免考申请',
  exportKind: 'exemptions',
  filters: (
    <Form.Item name="procedure">
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder="全部程序"
        options={PROCEDURES.map((p) => ({ value: p, label: PROCEDURE_LABELS[p] }))}
      />
    </Form.Item>
  ),
  useRows: useExemptionApplications,
  useDetail: useExemptionApplication,
  useDecide,
  decisions: (d) => DECISIONS[role].filter((b) => d?.decisions?.includes(b.key)),
  done: DONE[role],
  institutionColumn: role === 'body',
  scrollX: role === 'institution' ? 980 : 1140,
  columns: [
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
  ],
  drawer: { opinion: { label: '审核意见', placeholder: '审核意见（驳回时必填）' } },
  renderDetail: (d) => <ExemptionDetail d={d} />,
});
const CONFIGS = { institution: config('institution'), body: config('body') };

/** 审核一般程序免考申请 (卫生机构) / 一般程序复核免考申请 (考核机构); both procedures, with a 考核程序 column. */
export function ReviewPage({ role }: { role: Role }) {
  return <ReviewListPage config={CONFIGS[role]} />;
}
