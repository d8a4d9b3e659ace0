import { Card, Descriptions, Typography } from 'antd';
import { ADMIN_LEVEL_LABELS, ORG_KIND_LABELS } from '../../../shared/schemas/org';
import { useMyOrg } from '../../queries/org';
import { ProfileForm } from './ProfileForm';
import { PROFILE_TITLES } from './profileFields';

/** 本机构信息 → 卫健委 / 考核管理委员会 / 考核办公室 (administrations). */
export function AdminProfilePage({ form }: { form: 'wjw' | 'committee' | 'office' }) {
  const q = useMyOrg();
  return (
    <Card title={PROFILE_TITLES[form]} loading={q.isLoading}>
      {q.data && (
        <>
          <Typography.Paragraph type="secondary">
            {q.data.name}（{q.data.level ? ADMIN_LEVEL_LABELS[q.data.level] : ''}卫生行政机构，账号 {q.data.code}）
          </Typography.Paragraph>
          <ProfileForm form={form} org={q.data} mode={form === 'wjw' ? 'edit-confirm' : 'save'} />
        </>
      )}
    </Card>
  );
}

/** 本机构信息 of a health institution or an industry organisation (【提交】). */
export function OwnProfilePage() {
  const q = useMyOrg();
  const org = q.data;
  return (
    <Card title="本机构信息" loading={q.isLoading}>
      {org && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="机构账号">{org.code}</Descriptions.Item>
            <Descriptions.Item label="机构类型">{ORG_KIND_LABELS[org.kind]}</Descriptions.Item>
            <Descriptions.Item label="上级卫生行政机构">{org.parentName ?? '—'}</Descriptions.Item>
          </Descriptions>
          {org.kind === 'admin' ? (
            <Typography.Text>请在“本机构信息”下的“卫健委”、“考核管理委员会”、“考核办公室”中维护。</Typography.Text>
          ) : (
            <ProfileForm form={org.kind === 'institution' ? 'institution' : 'industry'} org={org} mode="submit" />
          )}
        </>
      )}
    </Card>
  );
}
