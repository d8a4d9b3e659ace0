import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import type { TVerifyResult } from '../../../shared/schemas/notice';
import { api } from '../../api/client';

/** 证书查验 (public, reached from the QR code on a 考核结果通知书). */
export function VerifyPage() {
  const { code = '' } = useParams();
  const q = useQuery({
    queryKey: ['verify', code],
    queryFn: () => api.get<TVerifyResult>(`/api/verify/${encodeURIComponent(code)}`),
  });
  const r = q.data;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: 16, display: 'flex', justifyContent: 'center' }}>
      <Card
        style={{ width: 520, maxWidth: '100%', alignSelf: 'flex-start', marginTop: 24 }}
        title="医师定期考核结果通知书 · 证书查验"
        loading={q.isLoading}
      >
        {r && (
          <>
            <Result
              status={r.genuine ? 'success' : 'warning'}
              title={r.genuine ? '通知书真实有效' : '查验未通过'}
              subTitle={r.message}
            />
            {r.maskedName && (
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label="姓名">{r.maskedName}</Descriptions.Item>
                <Descriptions.Item label="考核周期">{r.cycleName}</Descriptions.Item>
                <Descriptions.Item label="考核结果">{r.result}</Descriptions.Item>
                <Descriptions.Item label="发证机关">{r.issuer}</Descriptions.Item>
                <Descriptions.Item label="签发日期">
                  {r.issuedAt ? dayjs(r.issuedAt).format('YYYY/MM/DD') : ''}
                </Descriptions.Item>
              </Descriptions>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
