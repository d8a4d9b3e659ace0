import { Alert, Button, Card, Typography } from 'antd';
import { useParams } from 'react-router';
import { download } from '../../api/client';
import { useAction } from '../../components';
import { useLearnMaterial } from '../../queries/learning';
import { BackBar, errText, fmt } from './common';

/** One 考前资料 with its attachment. */
export function MaterialDetailPage() {
  const { id = '' } = useParams();
  const q = useLearnMaterial(id);
  const act = useAction();
  const m = q.data;
  return (
    <div>
      <BackBar title="考前资料" to="/doctor/learn/materials" />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      {m && (
        <Card title={m.title} size="small">
          {m.summary && <Typography.Paragraph type="secondary">{m.summary}</Typography.Paragraph>}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.content}</Typography.Paragraph>
          {m.fileName && (
            <Button onClick={() => act(() => download(`/api/learn/materials/${m.id}/file`, m.fileName ?? '附件'))}>
              下载附件：{m.fileName}
            </Button>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            更新于 {fmt(m.updatedAt)}
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
