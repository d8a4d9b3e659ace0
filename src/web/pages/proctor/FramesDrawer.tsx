import { Alert, Card, Col, Descriptions, Drawer, Empty, Image, Row, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { PAPER_LABELS, PROCTOR_EVENT_LABELS, type TFrameView } from '../../../shared/schemas/proctor';
import { useAttemptFrames } from './queries';

const time = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm:ss');

function FrameScore({ f }: { f: TFrameView }) {
  if (f.status === 'pending') return <Tag color="processing">比对中</Tag>;
  if (f.status === 'unreadable') return <Tag>无法识别</Tag>;
  if (f.faces === 0) return <Tag color="red">未检测到人脸</Tag>;
  const low = f.similarity !== null && f.threshold !== null && f.similarity < f.threshold;
  return (
    <Space size={4} wrap>
      <Tag color={low ? 'red' : 'green'}>相似度 {f.similarity ?? '—'}</Tag>
      {(f.faces ?? 0) > 1 && <Tag color="orange">{f.faces} 张人脸</Tag>}
      {f.spoofSuspected && <Tag color="volcano">疑似翻拍</Tag>}
    </Space>
  );
}

/** 【照片】: the attempt's frames beside the standard photo, each with its score and time. */
export function FramesDrawer({ attemptId, onClose }: { attemptId: number | null; onClose: () => void }) {
  const q = useAttemptFrames(attemptId);
  const d = q.data;
  return (
    <Drawer
      open={attemptId !== null}
      onClose={onClose}
      width={880}
      title={d ? `监考照片 — ${d.physicianName}（${PAPER_LABELS[d.paperType]}）` : '监考照片'}
      destroyOnHidden
    >
      {q.isLoading && <Spin />}
      {q.error && <Alert type="error" showIcon message="照片加载失败，请关闭后重试" />}
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Row gutter={16}>
            <Col flex="180px">
              <Card size="small" title="标准照片">
                {d.referenceUrl ? (
                  <Image src={d.referenceUrl} alt="标准照片" width={150} />
                ) : (
                  <Empty description="未上传照片" />
                )}
                {d.referenceSpoofSuspected && <Tag color="volcano">疑似翻拍</Tag>}
              </Card>
            </Col>
            <Col flex="auto">
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="抓拍照片">{d.frames.length} 张</Descriptions.Item>
                <Descriptions.Item label="摄像头事件">
                  {d.events.length === 0
                    ? '无'
                    : d.events.map((e) => (
                        <div key={`${e.kind}${e.occurredAt}`}>
                          {time(e.occurredAt)} {PROCTOR_EVENT_LABELS[e.kind]}
                        </div>
                      ))}
                </Descriptions.Item>
              </Descriptions>
            </Col>
          </Row>
          {d.frames.length === 0 ? (
            <Empty description="本次测评没有抓拍照片" />
          ) : (
            <Row gutter={[12, 12]}>
              {d.frames.map((f) => (
                <Col key={f.id} xs={12} md={8}>
                  <Card size="small" data-testid="proctor-frame">
                    {f.url ? (
                      <Image src={f.url} alt={`抓拍照片${f.seq}`} style={{ width: '100%' }} />
                    ) : (
                      <Empty description="照片已按保存期限删除" />
                    )}
                    <Space direction="vertical" size={2} style={{ marginTop: 6 }}>
                      <FrameScore f={f} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {f.trigger === 'submit' ? '交卷时' : `第 ${(f.questionIndex ?? 0) + 1} 题`} · 拍摄{' '}
                        {time(f.capturedAt)}
                        {f.late && '（离线补传）'}
                      </Typography.Text>
                    </Space>
                  </Card>
                </Col>
              ))}
            </Row>
          )}
          {d.frames[0]?.modelVersion && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              比对模型：{d.frames.find((f) => f.modelVersion)?.modelVersion}；相似度低于
              {d.frames.find((f) => f.threshold !== null)?.threshold ?? '—'} 显示为红色（仅供核对参考，不作为结果）
            </Typography.Text>
          )}
        </Space>
      )}
    </Drawer>
  );
}
