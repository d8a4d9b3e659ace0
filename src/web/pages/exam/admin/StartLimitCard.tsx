import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';

/** 开始答题限流: at most N starts per minute in the province; above it physicians wait in a queue. */
export function StartLimitCard({ value }: { value: number | null }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [v, setV] = useState<number | null>(value);
  useEffect(() => setV(value), [value]);
  const save = useMutation({
    mutationFn: () => api.put('/api/exam/start-limit', { perMinute: v }),
    onSuccess: () => {
      message.success('已保存');
      qc.invalidateQueries({ queryKey: ['exam-blueprints'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card title="开始答题限流">
      <Typography.Paragraph type="secondary">
        考核集中开始时，可限定全省每分钟最多开始答题的人数；超过时医师在【去考试】后看到排队等候页面和当前排队位置，轮到时自动进入答题（已开始的试卷继续作答不受限制）。留空为不限。
      </Typography.Paragraph>
      <Space wrap>
        <span>每分钟最多开始答题人数</span>
        <InputNumber
          aria-label="每分钟最多开始答题人数"
          min={1}
          max={100000}
          precision={0}
          placeholder="不限"
          value={v}
          onChange={(x) => setV(x ?? null)}
        />
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          保存
        </Button>
      </Space>
    </Card>
  );
}
