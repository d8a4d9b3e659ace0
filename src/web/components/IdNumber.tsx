import { Button, Space } from 'antd';
import { useState } from 'react';
import { maskIdNumber } from '../../shared/idcard';
import { useAction } from './useAction';

/**
 * A 证件号码 shown masked (4501**********1234). With `reveal` (a detail view whose server offers
 * it; the server audits the reveal) a 【查看完整证件号】 button fetches and shows the full number.
 */
export function IdNumber({ value, reveal }: { value: string; reveal?: () => Promise<string> }) {
  const [full, setFull] = useState<string | null>(null);
  const action = useAction();
  const masked = value.includes('*') ? value : maskIdNumber(value);
  if (full) return <span>{full}</span>;
  return (
    <Space size={4} wrap>
      <span>{masked}</span>
      {reveal && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => action(async () => setFull(await reveal()))}
        >
          查看完整证件号
        </Button>
      )}
    </Space>
  );
}
