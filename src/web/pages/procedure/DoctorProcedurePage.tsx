import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { PROCEDURE_LABELS } from '../../../shared/enrolment-status';
import type { TProcedureState } from '../../../shared/schemas/procedure';
import { procedureKey, ProcedureStep, useProcedureState } from './ProcedureStep';
import { DoctorCard } from '../doctor/shell/DoctorCard';

export function useMyEnrolment() {
  return useQuery({
    queryKey: ['my-enrolment'],
    queryFn: () => api.get<{ enrolmentId: number | null }>('/api/procedure/mine'),
  });
}

function Body({ enrolmentId }: { enrolmentId: number }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useProcedureState(enrolmentId);
  const [busy, setBusy] = useState(false);
  if (!q.data) return <Spin />;
  const s = q.data;
  async function submit() {
    setBusy(true);
    try {
      const next = await api.post<TProcedureState>(`/api/enrolments/${enrolmentId}/procedure/submit`);
      qc.setQueryData(procedureKey(enrolmentId), next);
      message.success('考核程序已提交，等待卫生机构评定');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Typography.Paragraph>
        考核状态：<Tag color="processing">{s.statusLabel}</Tag>
      </Typography.Paragraph>
      {!s.editable && !s.canSubmit && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            s.procedure ? `已选择${PROCEDURE_LABELS[s.procedure]}，当前不能修改。` : '报名审核通过后方可选择考核程序。'
          }
        />
      )}
      <ProcedureStep enrolmentId={enrolmentId} />
      {s.canSubmit && (
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 16 }}
          loading={busy}
          disabled={!s.application.procedure}
          onClick={submit}
        >
          提交
        </Button>
      )}
    </>
  );
}

/** 【选择考核程序】 (after approval, or after 驳回到重新选择程序). */
export function DoctorProcedurePage() {
  const mine = useMyEnrolment();
  return (
    <DoctorCard title="选择考核程序" loading={mine.isLoading} enrolled={Boolean(mine.data?.enrolmentId)}>
      {() => mine.data?.enrolmentId && <Body enrolmentId={mine.data.enrolmentId} />}
    </DoctorCard>
  );
}
