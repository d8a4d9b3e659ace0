import { Alert, App, Breadcrumb, Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ExportJobButton } from '../../components/ExportJobButton';
import type { ExportKind } from '../../../shared/schemas/exports';
import { formatTime, type useStatsView } from './useStats';

/** 统计时间, 【重新统计】, 【导出】 and the drill-down trail, shared by both statistics pages. */
export function StatsHeader({ s, exportKind }: { s: ReturnType<typeof useStatsView>; exportKind: ExportKind }) {
  const { message } = App.useApp();
  const v = s.view.data;
  const trail: { title: ReactNode }[] = (v?.trail ?? []).map((t, i, all) => ({
    title:
      i < all.length - 1 ? (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto' }}
          onClick={() => s.drill(i === 0 ? null : t.orgId)}
        >
          {t.name}
        </Button>
      ) : (
        <span>{t.name}</span>
      ),
  }));
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Text>
            统计时间：
            <b data-testid="stats-time">{v?.snapshot ? formatTime(v.snapshot.computedAt) : '尚未统计'}</b>
          </Typography.Text>
          {v?.pending && <Typography.Text type="warning">正在重新统计…</Typography.Text>}
        </Space>
        <Space>
          <Button
            loading={s.refresh.isPending || v?.pending}
            onClick={() =>
              s.refresh.mutate(undefined, {
                onSuccess: () => message.info('已开始重新统计，完成后自动刷新'),
                onError: (e) => message.error(e.message),
              })
            }
          >
            重新统计
          </Button>
          <ExportJobButton kind={exportKind} params={{ orgId: s.orgId }} disabled={!v?.snapshot} />
        </Space>
      </Space>
      <Alert
        type="info"
        showIcon
        message="提示：此功能不是实时统计，请注意系统展示的统计时间；点击【重新统计】可按当前数据重新统计。"
      />
      {trail.length > 1 && <Breadcrumb items={trail} />}
      {s.view.error && <Alert type="error" message={(s.view.error as Error).message} />}
    </Space>
  );
}
