import { Button, Descriptions, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { WINDOW_KEYS, WINDOW_LABELS } from '../../../shared/domain/windows';
import { useCurrentCycle } from '../../queries/cycle';
import { useMyOrg } from '../../queries/org';

const fmt = (d: string) => d.replaceAll('-', '/');

/**
 * After a health institution's first login: the cycle dates (考核周期起止日期告知栏) with
 * 【去确认】, which leads to 本机构信息 to complete it. Shown until the institution saved its
 * 本机构信息 form.
 */
export function CycleNoticeModal() {
  const nav = useNavigate();
  const [closed, setClosed] = useState(false);
  const org = useMyOrg();
  const cycle = useCurrentCycle();
  const c = cycle.data?.cycle;
  const filled = Object.keys(org.data?.forms.institution ?? {}).length > 0;
  if (closed || !c || !org.data || filled) return null;
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
        {WINDOW_KEYS.filter((k) => c.windows[k]).map((k) => (
          <Descriptions.Item key={k} label={WINDOW_LABELS[k]}>
            {fmt(c.windows[k]?.start ?? '')} 至 {fmt(c.windows[k]?.end ?? '')}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <p style={{ marginTop: 12 }}>请确认本周期考核安排，并完善本机构信息。</p>
    </Modal>
  );
}
