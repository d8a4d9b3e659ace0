import { Alert, Button, Card, Descriptions, Empty, Form, Input, Result, Skeleton, Space, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CASE_STATUS_LABELS, PAPER_LABELS, type TMyProctoring } from '../../../shared/schemas/proctor';
import { useAction } from '../../components';
import { useMyProctoring, useSubmitAppeal } from './queries';

const date = (s: string) => dayjs(s).format('YYYY年M月D日');

/** On the result page: how many photos were taken and when they will be deleted; the 违纪 decision. */
export function ProctorResultCard() {
  const q = useMyProctoring();
  const nav = useNavigate();
  const d = q.data;
  if (!d || (d.papers.length === 0 && !d.case)) return null;
  return (
    <Card title="监考照片" size="small">
      <PhotosSummary d={d} />
      {d.case && (
        <Space direction="vertical" style={{ marginTop: 8 }}>
          <Tag color="red">违纪处理：{CASE_STATUS_LABELS[d.case.status]}</Tag>
          <Button size="small" onClick={() => nav('/doctor/proctor')}>
            查看处理与申诉
          </Button>
        </Space>
      )}
    </Card>
  );
}

function PhotosSummary({ d }: { d: TMyProctoring }) {
  return (
    <Descriptions column={1} size="small">
      {d.papers.map((p) => (
        <Descriptions.Item key={p.attemptId} label={PAPER_LABELS[p.paperType]}>
          抓拍 {p.photos} 张{p.deleteOn ? `，将于 ${date(p.deleteOn)} 删除` : ''}
        </Descriptions.Item>
      ))}
      {d.papers.length === 0 && <Descriptions.Item label="抓拍照片">暂无</Descriptions.Item>}
    </Descriptions>
  );
}

/** 监考记录 (physician): photos taken, deletion date, the 违纪处理 and 申诉 (once, within the days). */
export function MyProctorPage() {
  const q = useMyProctoring();
  const submit = useSubmitAppeal();
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ statement: string }>();
  if (q.isLoading) return <Skeleton active />;
  const d = q.data;
  if (!d) return <Empty description="暂无监考记录" />;
  const c = d.case;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title="监考照片" size="small">
        <PhotosSummary d={d} />
        <Alert
          type="info"
          showIcon
          message={`测评中抓拍的照片仅用于监考核对，考核结果确定后保存 ${d.retentionDays} 天，到期自动删除。`}
        />
      </Card>
      {c ? (
        <Card title="违纪处理" size="small">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <Tag color={c.status === 'revoked' ? 'green' : 'red'}>{CASE_STATUS_LABELS[c.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="处理时间">{dayjs(c.processedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
            <Descriptions.Item label="处理理由">{c.processReason}</Descriptions.Item>
            <Descriptions.Item label="申诉期限">{date(c.appealDeadline)} 前</Descriptions.Item>
            {c.appealStatement && <Descriptions.Item label="申诉理由">{c.appealStatement}</Descriptions.Item>}
            {c.appealDecisionReason && <Descriptions.Item label="复查意见">{c.appealDecisionReason}</Descriptions.Item>}
          </Descriptions>
          {c.canAppeal ? (
            <Form
              form={form}
              layout="vertical"
              style={{ marginTop: 12 }}
              onFinish={async (v) => {
                const fd = new FormData();
                fd.append('statement', v.statement);
                if (file) fd.append('file', file, file.name);
                if (await action(() => submit.mutateAsync(fd), '申诉已提交')) form.resetFields();
              }}
            >
              <Form.Item
                name="statement"
                label="申诉理由"
                rules={[{ required: true, whitespace: true, min: 5, message: '请填写申诉理由（至少 5 个字）' }]}
              >
                <Input.TextArea rows={4} maxLength={2000} showCount placeholder="请说明申诉的事实和理由" />
              </Form.Item>
              <Form.Item label="申诉材料（可选，图片或 PDF）">
                <Upload
                  maxCount={1}
                  accept=".jpg,.jpeg,.png,.pdf"
                  beforeUpload={(f) => {
                    setFile(f);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                >
                  <Button>选择文件</Button>
                </Upload>
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submit.isPending}>
                提交申诉
              </Button>
            </Form>
          ) : (
            c.status === 'processed' && (
              <Alert style={{ marginTop: 12 }} type="warning" showIcon message="已超过申诉期限" />
            )
          )}
          {c.status === 'appealed' && (
            <Result status="info" title="申诉已提交" subTitle="省级卫生行政机构复查后将通过站内消息和短信通知您" />
          )}
        </Card>
      ) : (
        <Card size="small">
          <Empty description="本周期没有违纪处理记录" />
        </Card>
      )}
    </Space>
  );
}
