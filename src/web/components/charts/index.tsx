import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { ChartOption } from './options';

export * from './options';

const EChart = lazy(() => import('./EChart'));

/** A chart; its code is loaded on first use. `label` names the chart for screen readers and tests. */
export function Chart({ option, height = 320, label }: { option: ChartOption; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label} data-testid={`chart-${label}`}>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
        <EChart option={option} height={height} />
      </Suspense>
    </div>
  );
}
