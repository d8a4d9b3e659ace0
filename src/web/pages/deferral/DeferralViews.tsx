import { Descriptions } from 'antd';
import type { TDeferralApplication } from '../../../shared/schemas/deferral';

export const fmt = (iso: string | null) => (iso ? iso.slice(0, 10).replaceAll('-', '/') : '');

/** 申请延期考核原因 and the two opinions (卫生机构意见, 卫生行政部门意见), as on 附件1. */
export function Opinions({ a }: { a: TDeferralApplication }) {
  return (
    <Descriptions size="small" bordered column={1}>
      <Descriptions.Item label="申请延期考核原因">
        <span style={{ whiteSpace: 'pre-wrap' }}>{a.reason}</span>
      </Descriptions.Item>
      <Descriptions.Item label="卫生机构意见">
        {a.institutionAgree
          ? `${a.institutionAgree}${a.institutionOpinion ? `：${a.institutionOpinion}` : ''}（${fmt(a.institutionAt)}）`
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="卫生行政部门意见">
        {a.adminAgree
          ? `${a.adminAgree}${a.adminOpinion ? `：${a.adminOpinion}` : ''}（${a.adminOrgName}，${fmt(a.adminAt)}）`
          : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
