import { PhoneOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useHelpContacts } from './contact';

/** 联系客服: the province's phone (tap to call) and service hours. */
export function ContactLine() {
  const q = useHelpContacts();
  const items = q.data?.items ?? [];
  if (q.isLoading) return null;
  if (!items.length)
    return <Typography.Text type="secondary">本省尚未设置客服电话，请联系本单位定考负责人。</Typography.Text>;
  return (
    <div data-testid="help-contact">
      {items.map((c) => (
        <div key={c.provinceName}>
          {items.length > 1 && <span>{c.provinceName}：</span>}
          <PhoneOutlined aria-hidden /> 客服电话 <a href={`tel:${c.phone.replace(/[^0-9]/g, '')}`}>{c.phone}</a>
          <span>（服务时间：{c.hours}）</span>
        </div>
      ))}
    </div>
  );
}
