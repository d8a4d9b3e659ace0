import { Alert, Button, Checkbox, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { PROCEDURE_LABELS } from '../../../shared/domain/procedure';
import type { TExemptionMine } from '../../../shared/schemas/exemption';
import { api } from '../../api/client';
import { Attachments, UploadImages, useAction } from '../../components';
import { useExemptionApply, useMyExemption } from '../../queries/exemption';
import { attachmentUrl } from '../procedure/ProcedureStep';
import { DoctorCard } from '../doctor/shell/DoctorCard';

type App = NonNullable<TExemptionMine['application']>;
const alertType = (a: App) =>
  a.status === 'approved' ? 'success' : a.status.startsWith('rejected') || a.status === 'void' ? 'warning' : 'info';

/** 医师 — 免考申请 (phone): the state of the application, or the form to apply. */
export function DoctorExemptionPage() {
  const q = useMyExemption();
  const apply = useExemptionApply();
  const action = useAction();
  const [reasonIds, setReasonIds] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const m = q.data;
  const refetch = () => void q.refetch();
  return (
    <DoctorCard title="免考申请" loading={!m} enrolled={Boolean(m?.enrolmentId)}>
      {() =>
        m && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {m.procedure && (
              <Typography.Text>
                考核程序：{PROCEDURE_LABELS[m.procedure]}（可申请免{m.exempts}）
              </Typography.Text>
            )}
            {m.application && (
              <Alert
                type={alertType(m.application)}
                showIcon
                message={`免考申请状态：${m.application.statusLabel}`}
                description={
                  m.application.reviews.length
                    ? m.application.reviews.map((r) => (
                        <div
                          key={`${r.role}-${r.at}`}
                        >{`${r.role}${r.decision}${r.opinion ? `：${r.opinion}` : ''}`}</div>
                      ))
                    : undefined
                }
              />
            )}
            {m.blockedReason && (!m.application || m.application.status === 'void') && (
              <Alert type="info" showIcon message={m.blockedReason} />
            )}
            {m.canApply && (
              <>
                <Typography.Text strong>选择申请免考理由</Typography.Text>
                <Checkbox.Group value={reasonIds} onChange={(v) => setReasonIds(v as number[])}>
                  <Space direction="vertical">
                    {m.reasons.map((r) => (
                      <Checkbox key={r.id} value={r.id}>
                        {r.reason}
                      </Checkbox>
                    ))}
                  </Space>
                </Checkbox.Group>
                <Typography.Text strong>证明材料（png/jpg/jpeg，每个不超过 3 MB）</Typography.Text>
                <Attachments
                  files={m.files}
                  src={(f) => attachmentUrl(m.enrolmentId!, f.id)}
                  onDelete={(f) =>
                    action(() => api.delete(`/api/enrolments/${m.enrolmentId}/exemption-files/${f.id}`)).then(refetch)
                  }
                />
                <UploadImages
                  label="上传证明材料"
                  upload={(fd) => api.upload(`/api/enrolments/${m.enrolmentId}/exemption-files`, fd)}
                  onDone={refetch}
                />
                <Input.TextArea
                  aria-label="说明"
                  placeholder="补充说明（选填）"
                  maxLength={500}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  rows={3}
                />
                <Button
                  type="primary"
                  block
                  size="large"
                  loading={apply.isPending}
                  onClick={() =>
                    action(
                      () =>
                        apply.mutateAsync({
                          enrolmentId: m.enrolmentId!,
                          reasonIds,
                          note,
                          fileIds: m.files.map((f) => f.id),
                        }),
                      '免考申请已提交，等待卫生机构审核',
                    )
                  }
                >
                  提交免考申请
                </Button>
              </>
            )}
          </Space>
        )
      }
    </DoctorCard>
  );
}
