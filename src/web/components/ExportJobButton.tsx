import { App, Button, Modal, Progress, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { api, download } from '../api/client';
import type { ExportKind, TExportJob } from '../../shared/schemas/exports';

export interface ExportJobButtonProps {
  kind: ExportKind;
  /** the list's current filters (the server checks them and the jurisdiction) */
  params?: object;
  /** the manual's button label: 导出 / 批量导出 / 申请导出 / 批量打印证书 */
  label?: ReactNode;
  type?: 'default' | 'primary' | 'link';
  disabled?: boolean;
}

/** One job's progress while the dialog is open; stops polling once it is finished. */
export function useExportJob(id: string | null) {
  return useQuery({
    queryKey: ['export-job', id],
    queryFn: () => api.get<TExportJob>(`/api/exports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'queued' || s === 'running' ? 1000 : false;
    },
  });
}

export function percentOf(job: TExportJob | undefined): number {
  if (!job) return 0;
  if (job.status === 'done') return 100;
  if (!job.total) return job.status === 'running' ? 5 : 0;
  return Math.min(99, Math.floor((job.processed / job.total) * 100));
}

export function downloadExport(job: Pick<TExportJob, 'id' | 'fileName'>) {
  return download(`/api/exports/${job.id}/download`, job.fileName);
}

/**
 * 【申请导出】 → an export job in the queue → progress → 【下载】. Every exported list uses this
 * one button; the file is also listed under 我的导出 until it expires.
 */
export function ExportJobButton({
  kind,
  params = {},
  label = '导出',
  type = 'default',
  disabled,
}: ExportJobButtonProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useExportJob(jobId);
  const j = job.data;
  const start = async () => {
    setBusy(true);
    try {
      // empty filters mean "all": they are left out rather than sent as ''
      const filters = Object.fromEntries(
        Object.entries(params as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== ''),
      );
      const created = await api.post<TExportJob>('/api/exports', { kind, params: filters });
      setJobId(created.id);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type={type} loading={busy} disabled={disabled} onClick={start}>
        {label}
      </Button>
      <Modal
        open={Boolean(jobId)}
        title={j ? `导出：${j.title}` : '导出'}
        onCancel={() => setJobId(null)}
        footer={
          <Space>
            <Button onClick={() => setJobId(null)}>关闭</Button>
            <Button
              type="primary"
              disabled={j?.status !== 'done'}
              onClick={() => j && downloadExport(j).catch((e: Error) => message.error(e.message))}
            >
              下载
            </Button>
          </Space>
        }
      >
        <div data-testid="export-job">
          <Typography.Paragraph>
            状态：<b data-testid="export-status">{j?.statusLabel ?? '提交中'}</b>
            {j && j.total !== null && (
              <span style={{ marginLeft: 16 }}>
                进度：{j.processed} / {j.total}
              </span>
            )}
          </Typography.Paragraph>
          <Progress percent={percentOf(j)} status={j?.status === 'failed' ? 'exception' : undefined} />
          {j?.error && <Typography.Text type="danger">{j.error}</Typography.Text>}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            导出在后台进行，可关闭此窗口，稍后在「我的导出」中下载。文件保留至{' '}
            {j ? new Date(j.expiresAt).toLocaleString('zh-CN', { hour12: false }) : '—'}。
          </Typography.Paragraph>
        </div>
      </Modal>
    </>
  );
}
