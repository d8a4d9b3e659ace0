import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { DEFERRAL_REASON_MAX } from '../../../shared/schemas/deferral';
import { api, download } from '../../api/client';
import { Attachments, UploadImages, useAction } from '../../components';
import { deferralPdfUrl, useDeferralApply, useMyDeferral } from '../../queries/deferral';
import { attachmentUrl } from '../procedure/ProcedureStep';
import { fmt, Opinions } from './DeferralViews';
import { DoctorCard } from '../doctor/shell/DoctorCard';

/** 医师 — 延期考核申请 (phone): the window, the application's state and opinions, or the form. */
export function DoctorDeferralPage() {
  const q = useMyDeferral();
  const apply = useDeferralApply();
  const action = useAction();
  const [reason, setReason] = useState('');
  const m = q.data;
  const a = m?.application;
  return (
    <DoctorCard title="延期考核申请" loading={!m} enrolled={Boolean(m?.enrolmentId)}>
      {() =>
        m && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {m.window && (
              <Typography.Text type="secondary">{`延期考核申请时间：${fmt(m.window.start)} 至 ${fmt(m.window.end)}`}</Typography.Text>
            )}
            {a && (
              <>
                <Alert
                  type={a.status === 'approved' ? 'success' : a.status.startsWith('rejected') ? 'warning' : 'info'}
                  showIcon
                  message={`申请状态：${a.statusLabel}`}
                  description={a.status === 'approved' ? '请在再次考核时间内以首次考核形式参加测评。' : undefined}
                />
                <Opinions a={a} />
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => action(() => download(deferralPdfUrl(a.id), '医师定期考核延期考核申请表.pdf'))}
                >
                  打印申请表
                </Button>
              </>
            )}
            {m.blockedReason && (!a || a.status.startsWith('rejected')) && (
              <Alert type="info" showIcon message={m.blockedReason} />
            )}
            {m.canApply && (
              <>
                <Typography.Text strong>申请延期考核原因</Typography.Text>
                <Input.TextArea
                  aria-label="申请延期考核原因"
                  rows={5}
                  maxLength={DEFERRAL_REASON_MAX}
                  showCount
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder="请说明不能参加本周期首轮考核的原因"
                />
                <Typography.Text strong>附件（png/jpg/jpeg，每个不超过 3 MB，选填）</Typography.Text>
                <Attachments files={m.files} src={(f) => attachmentUrl(m.enrolmentId!, f.id)} />
                <UploadImages
                  label="上传附件"
                  upload={(fd) => api.upload(`/api/enrolments/${m.enrolmentId}/deferral-files`, fd)}
                  onDone={() => void q.refetch()}
                />
                <Button
                  type="primary"
                  block
                  size="large"
                  loading={apply.isPending}
                  onClick={() =>
                    action(
                      () =>
                        apply.mutateAsync({ enrolmentId: m.enrolmentId!, reason, fileIds: m.files.map((f) => f.id) }),
                      '延期考核申请已提交，等待卫生机构审核',
                    )
                  }
                >
                  提交申请
                </Button>
              </>
            )}
          </Space>
        )
      }
    </DoctorCard>
  );
}
