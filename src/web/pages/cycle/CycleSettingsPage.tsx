import { Alert, Space, Spin } from 'antd';
import { errorText } from '../../components';
import { useCycleSettings } from '../../queries/cycle';
import { CycleContentCard } from './CycleContentCard';
import { CycleRulesCard } from './CycleRulesCard';
import { CycleTimesCard } from './CycleTimesCard';

/** 考核设置 → 本周期考核设置 (省级): 时间设置, 考核内容, 考核规则. */
export function CycleSettingsPage() {
  const q = useCycleSettings();
  const s = q.data;
  if (q.isLoading) return <Spin />;
  if (q.error || !s) return <Alert type="error" message={errorText(q.error)} />;
  // the cards read their initial values once: remount them when a new cycle is created
  const key = s.cycle?.id ?? 'none';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <CycleTimesCard key={`t${key}`} s={s} />
      <CycleContentCard key={`c${key}`} s={s} />
      <CycleRulesCard key={`r${key}`} s={s} />
    </Space>
  );
}
