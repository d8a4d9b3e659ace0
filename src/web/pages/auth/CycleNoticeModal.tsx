import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { ZCurrentCycle } from '../../../shared/schemas/cycle';
import type { ZMyOrg } from '../../../shared/schemas/org';
import { api } from '../../api/client';

const WINDOW_LABELS: Record<string, string> = {
  registration: '报名时间',
  deferral: '延期考核申请截止',
  exam: '首轮考核时间',
  grading: '首轮成绩评定时间',
  reexam: '再次考核时间',
  reexamGrading: '再次考核评定时间',
};
const fmt = (d: string) => d.replaceAll('-', '/');

/**
 * After a health institution's first login: the cycle dates (考核周期起止日期告知栏) with
 * 【去确认】, which leads to 本机构信息 to complete it. Shown until the institution saved its
 * 本机构信息 form.
 */
export function CycleNoticeModal() {
  const nav = useNavigate();
  const [closed, setClosed] = useState(false);
  const org = useQuery({
    queryKey: ['org-profile'],
    queryFn: () => api.get<z.infer<typeof ZMyOrg>>('/api/org/profile'),
  });
  const cycle = useQuery({
    queryKey: ['cycle-current'],
    queryFn: () => api.get<z.infer<typeof ZCurrentCycle>>('/api/cycles/current'),
  });
  const c = cycle.data?.cycle;
  const filled = Object.keys(org.data?.forms.institution ?? {}).length > 0;
  const open = !closed && !!c && !!org.data && !filled;
  if (!open) return null;
  return (
    <Modal
      open
      title="考核周期起止日期告知"
      onCancel={() => setClosed(true)}
      footer={
        <Button type="primary" onClick={() => nav('/org/profile')}>
          去确认
        </Button>
      }
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="考核周期">{c.name}</Descriptions.Item>
        <Descriptions.Item label="周期起止">
          {fmt(c.periodStart)} 至 {fmt(c.periodEnd)}
        </Descriptions.Item>
        {Object.entries(WINDOW_LABELS)
          .filter(([k]) => c.windows[k])
          .map(([k, label]) => (
            <Descriptions.Item key={k} label={label}>
              {fmt(c.windows[k].start)} 至 {fmt(c.windows[k].end)}
            </Descriptions.Item>
          ))}
      </Descriptions>
      <p style={{ marginTop: 12 }}>请确认本周期考核安排，并完善本机构信息。</p>
    </Modal>
  );
}
