import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Space, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { APPLICATION_MAX_FILES, APPLICATION_STATUS_LABELS, type TMaterial } from '../../../shared/schemas/org';
import { useAction } from '../../components';
import {
  useMyApplication,
  useRemoveApplicationFile,
  useSubmitApplication,
  useUploadApplicationFile,
} from '../../queries/org';
import { MaterialList } from './MaterialList';

const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY/MM/DD HH:mm') : '—');
export const APPLICATION_COLORS = {
  draft: 'default',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
} as const;

/** 本机构信息 → 申请考核机构 (卫生机构): upload 申请材料, 【提交申请】, see the decision. */
export function ApplyPage() {
  const { modal } = App.useApp();
  const act = useAction();
  const q = useMyApplication();
  const upload = useUploadApplicationFile();
  const removeFile = useRemoveApplicationFile();
  const submit = useSubmitApplication();
  const d = q.data;
  if (q.isLoading || !d) return <Card title="申请考核机构" loading />;
  if (d.isAssessmentBody) {
    return (
      <Card title="申请考核机构">
        <Result
          status="success"
          title="本机构已是考核机构"
          subTitle="可点击页面右上角【角色切换】进入考核机构角色（与卫生机构使用同一账号）。"
        />
      </Card>
    );
  }
  if (!d.canApply) {
    return (
      <Card title="申请考核机构">
        <Alert
          type="info"
          showIcon
          message="本机构暂未开通申请考核机构的权限"
          description="如果满足考核机构条件，请联系当地卫生行政部门开通申请权限。"
        />
      </Card>
    );
  }
  const app = d.application;
  const status = app?.status ?? 'draft';
  const materials = app?.materials ?? [];
  const remove = (m: TMaterial) =>
    modal.confirm({
      title: '删除申请材料',
      content: `确认删除“${m.name}”？`,
      okText: '确认',
      cancelText: '取消',
      onOk: () => act(() => removeFile.mutateAsync(m.fileId)),
    });
  return (
    <Card title="申请考核机构">
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="申请状态">
          <Tag color={APPLICATION_COLORS[status]}>{APPLICATION_STATUS_LABELS[status]}</Tag>
        </Descriptions.Item>
        {app?.submittedAt && <Descriptions.Item label="提交时间">{fmt(app.submittedAt)}</Descriptions.Item>}
        {app?.decidedAt && <Descriptions.Item label="审批时间">{fmt(app.decidedAt)}</Descriptions.Item>}
      </Descriptions>
      {status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message="申请已被驳回"
          description={`驳回理由：${app?.rejectReason ?? ''}。请补充或更换材料后重新【提交申请】。`}
        />
      )}
      {status === 'pending' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message="申请已提交，正在等待上级卫生行政机构审批。" />
      )}
      <Typography.Paragraph type="secondary">
        请上传考核机构申请材料（具体资料模板请咨询上级卫生行政机构）：支持 pdf、jpg、png，单个文件不超过 10 MB，最多{' '}
        {APPLICATION_MAX_FILES} 个。
      </Typography.Paragraph>
      <MaterialList materials={materials} onRemove={d.editable ? remove : undefined} />
      {d.editable && (
        <Space style={{ marginTop: 16 }}>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            showUploadList={false}
            multiple
            customRequest={async ({ file, onSuccess, onError }) => {
              const f = file as File;
              const ok = await act(() => upload.mutateAsync(f), `“${f.name}”上传成功`);
              if (ok) onSuccess?.(f);
              else onError?.(new Error('上传失败'));
            }}
          >
            <Button icon={<UploadOutlined />} disabled={materials.length >= APPLICATION_MAX_FILES}>
              上传
            </Button>
          </Upload>
          <Button
            type="primary"
            loading={submit.isPending}
            disabled={!materials.length}
            onClick={() => act(() => submit.mutateAsync(), '申请已提交，请等待卫生行政机构审批')}
          >
            提交申请
          </Button>
        </Space>
      )}
    </Card>
  );
}
