import { Alert, Divider, Form } from 'antd';
import { useState } from 'react';
import { PROCEDURE_LABELS, type Procedure } from '../../../shared/domain/procedure';
import type { TEvaluateInput } from '../../../shared/schemas/procedure';
import { type Decision, ReviewDrawer, useAction } from '../../components';
import { useEvaluationDecision, useEvaluationDetail } from '../../queries/procedure';
import { EvaluationForm } from './EvaluationForm';
import { EvaluationList } from './EvaluationList';
import { SubmissionView } from './SubmissionView';

type Key = 'reject' | 'submit';
const DECISIONS: Decision<Key>[] = [
  {
    key: 'reject',
    label: '驳回',
    danger: true,
    prompt: { title: '驳回', okText: '确认驳回', label: '驳回理由', content: '驳回后医师须重新选择考核程序并提交。' },
  },
  { key: 'submit', label: '提交' },
];

/** 卫生机构 — 评定工作成绩、职业道德 (简易程序 / 一般程序): 【审核】 → 【提交】 or 【驳回】. */
export function InstitutionEvaluatePage({ procedure }: { procedure: Procedure }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const [form] = Form.useForm<TEvaluateInput>();
  const d = useEvaluationDetail(openId);
  const decision = useEvaluationDecision();
  const action = useAction();
  const bodyReview = d.data?.evaluation.bodyReview;
  const mayAct = !!d.data?.row.actions.length;

  const decide = async (key: Key, reason: string) => {
    if (openId === null) return false;
    let ok: boolean;
    if (key === 'reject') {
      ok = await action(
        () => decision.mutateAsync({ id: openId, path: 'reject', body: { reason } }),
        '已驳回，医师将重新选择考核程序',
      );
    } else {
      const v = await form.validateFields().catch(() => null);
      if (!v) return false;
      ok = await action(
        () =>
          decision.mutateAsync({ id: openId, path: 'evaluate', body: { ...v, otherOpinions: v.otherOpinions ?? [] } }),
        '已提交考核机构复核',
      );
    }
    if (ok) setOpenId(null);
    return ok;
  };
  return (
    <>
      <EvaluationList
        procedure={procedure}
        title={`${PROCEDURE_LABELS[procedure]} — 评定工作成绩、职业道德`}
        actionLabel="审核"
        onOpen={(r) => setOpenId(r.enrolmentId)}
      />
      <ReviewDrawer
        open={openId !== null}
        title="评定工作成绩、职业道德"
        onClose={() => setOpenId(null)}
        loading={d.isLoading}
        decisions={mayAct ? DECISIONS : []}
        onDecide={decide}
      >
        {d.data && (
          <>
            {bodyReview?.decision === '不同意' && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={`考核机构复核不同意（${[!bodyReview.workAgree && '工作成绩', !bodyReview.ethicsAgree && '职业道德'].filter(Boolean).join('、')}）：${bodyReview.reason}`}
              />
            )}
            <SubmissionView d={d.data} />
            <Divider titlePlacement="start">卫生机构评定</Divider>
            {mayAct ? (
              <EvaluationForm key={openId} form={form} prev={d.data.evaluation.institution} />
            ) : (
              <Alert type="info" showIcon message={`${d.data.row.statusLabel}，当前无需卫生机构评定`} />
            )}
          </>
        )}
      </ReviewDrawer>
    </>
  );
}
