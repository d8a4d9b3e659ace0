import { Alert, Card, Typography } from 'antd';
import { mmss } from './format';

/** The top of the test: paper, countdown, progress, save state, and the offline / no-journal notices. */
export function StatusBar(props: {
  label: string | undefined;
  remaining: number | null;
  answered: number;
  total: number;
  saveText: string;
  online: boolean;
  durable: boolean;
}) {
  const { remaining, online } = props;
  const lowTime = remaining !== null && remaining <= 300;
  return (
    <>
      <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Text strong>{props.label}</Typography.Text>
          <Typography.Text
            data-testid="exam-timer"
            style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums', color: lowTime ? '#cf1322' : undefined }}
          >
            剩余时间 {remaining === null ? '--:--' : mmss(remaining)}
          </Typography.Text>
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', color: '#666', marginTop: 2 }}>
          <span>
            已答 {props.answered}/{props.total}
          </span>
          <span data-testid="save-state" style={online ? undefined : { color: '#d46b08' }}>
            {props.saveText}
          </span>
        </div>
      </Card>
      {!online && (
        <Alert
          type="warning"
          showIcon
          data-testid="offline-banner"
          message="网络已断开，可以继续答题"
          description="答案已保存在本设备上，网络恢复后将按作答顺序自动发送到服务器；刷新页面也不会丢失。计时以服务器为准，不会因断网暂停。"
        />
      )}
      {!props.durable && (
        <Alert type="info" showIcon message="本浏览器不支持离线保存答案，请保持网络畅通，答题期间不要关闭页面" />
      )}
    </>
  );
}
