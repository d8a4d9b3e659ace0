import { Alert, Button, Card, Descriptions, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { useMine } from '../mine';

const fmt = (s?: string | null) => (s ? s.replaceAll('-', '/') : '未登记');

/** 个人信息 (seed 004 menu): the registry data the system holds about the physician, and the bound mobile. */
export function ProfilePage() {
  const nav = useNavigate();
  const q = useMine();
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  const p = q.data!.prefill;
  const rows: [string, string][] = [
    ['姓名', p.name],
    ['证件类型', p.idType === '居民身份证' ? '身份证' : p.idType],
    ['证件号码', p.idNumber],
    ['性别', p.gender || '未登记'],
    ['出生日期', fmt(p.birthDate)],
    ['执业机构', p.institutionName],
    ['医师级别', p.level || '未登记'],
    ['执业类别', p.category || '未登记'],
    ['执业范围', p.scope || '未登记'],
    ['职称', p.title || '未登记'],
    ['资格证书编号', p.qualificationNo || '未登记'],
    ['执业证书编号', p.licenseNo || '未登记'],
    ['首次注册时间', fmt(p.firstRegisteredAt)],
  ];
  return (
    <>
      <Card title="个人信息" style={{ marginBottom: 12 }}>
        <Descriptions
          column={1}
          bordered
          size="small"
          items={rows.map(([label, children]) => ({ key: label, label, children }))}
        />
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          message="以上信息来源于医师电子化注册系统。如发现所在机构或其他信息不对，请联系本单位定考负责人或上级卫生行政机构处理。"
        />
      </Card>
      <Card title="绑定手机号" style={{ marginBottom: 12 }}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'm', label: '手机号', children: <span data-testid="bound-mobile">{p.mobile ?? '未绑定'}</span> },
          ]}
        />
        <p style={{ marginBottom: 8 }}>审核结果会以站内消息及短信发送到这个手机号。</p>
        <Button onClick={() => nav('/doctor/security')}>安全设置（修改密码）</Button>
      </Card>
    </>
  );
}
