import { Alert, Checkbox, Divider, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { Procedure } from '../../../shared/domain/procedure';
import { type Decision, ReviewDrawer, useAction } from '../../components';
import { useEvaluationDecision, useEvaluationDetail } from '../../queries/procedure';
import { InstitutionOpinion } from '../enrolment/EvaluationOpinions';
import { EvaluationList } from './EvaluationList';
import { SubmissionView } from './SubmissionView';

type Key = 'reject-simple' | 'reject' | 'confirm';

/** Which evaluations the body does not agree with (inside the 驳回 dialog). */
function DisagreeChoice({ onChange }: { onChange: (v: string[]) => void }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <>
      <Typography.Paragraph>请选择不同意的评定项目：</Typography.Paragraph>
      <Checkbox.Group
        value={value}
        onChange={(v) => {
          setValue(v as string[]);
          onChange(v as string[]);
        }}
        options={[
          { value: 'work', label: '工作成绩 不同意' },
          { value: 'ethics', label: '职业道德 不同意' },
        ]}
      />
    </>
  );
}

/** 考核机构 — 复核简易程序申请 / 复核一般程序申请: 【复核】 → 【提交】, 【驳回】 or 【驳回至一般程序】. */
export function BodyReviewPage({ procedure }: { procedure: Procedure }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const disagree = useRef<string[]>([]);
  const d = useEvaluationDetail(openId);
  const decision = useEvaluationDecision();
  const action = useAction();
  const inst = d.data?.evaluation.institution;
  const decisions: Decision<Key>[] = [
    ...(procedure === 'simple'
      ? [
          {
            key: 'reject-simple' as const,
            label: '驳回至一般程序',
            danger: true,
            prompt: {
              title: '驳回至一般程序',
              okText: '确认驳回',
              label: '驳回理由',
              content: '该医师不符合简易程序条件，驳回后只能按一般程序考核。',
            },
          },
        ]
      : []),
    {
      key: 'reject',
      label: '驳回',
      danger: true,
      prompt: {
        title: '驳回',
        okText: '确认驳回',
        label: '驳回理由',
        content: <DisagreeChoice onChange={(v) => (disagree.current = v)} />,
      },
    },
    { key: 'confirm', label: '提交' },
  ];
  const decide = async (key: Key, reason: string) => {
    if (openId === null) return false;
    const ok =
      key === 'confirm'
        ? await action(() => decision.mutateAsync({ id: openId, path: 'confirm' }), '复核已提交')
        : key === 'reject-simple'
          ? await action(
              () => decision.mutateAsync({ id: openId, path: 'reject-simple', body: { reason } }),
              '已驳回至一般程序',
            )
          : await action(
              () =>
                decision.mutateAsync({
                  id: openId,
                  path: 'body-reject',
                  body: {
                    workAgree: !disagree.current.includes('work'),
                    ethicsAgree: !disagree.current.includes('ethics'),
                    reason,
                  },
                }),
              '已驳回卫生机构重新评定',
            );
    disagree.current = [];
    if (ok) setOpenId(null);
    return ok;
  };
  return (
    <>
      <EvaluationList
        procedure={procedure}
        title={procedure === 'simple' ? '复核简易程序申请' : '复核一般程序申请'}
        actionLabel="复核"
        onOpen={(r) => setOpenId(r.enrolmentId)}
      />
      <ReviewDrawer
        open={openId !== null}
        title="复核工作成绩、职业道德"
        onClose={() => setOpenId(null)}
        loading={d.isLoading}
        decisions={d.data?.row.actions.length ? decisions : []}
        onDecide={decide}
      >
        {d.data && (
          <>
            <SubmissionView d={d.data} />
            <Divider titlePlacement="start">卫生机构评定意见</Divider>
            <InstitutionOpinion inst={inst} />
            {inst && (inst.workResult === '不合格' || inst.ethicsResult === '不合格') && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 12 }}
                message="提交（同意）后，该医师本周期考核结果为不合格。"
              />
            )}
          </>
        )}
      </ReviewDrawer>
    </>
  );
}
