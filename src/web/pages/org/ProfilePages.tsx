import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import {
  ADMIN_LEVEL_LABELS,
  INSTITUTION_CATEGORIES,
  INSTITUTION_GRADES,
  ORG_KIND_LABELS,
  type ProfileFormKey,
  type TMyOrg,
} from '../../../shared/schemas/org';

export function useMyOrg() {
  return useQuery({ queryKey: ['org', 'profile'], queryFn: () => api.get<TMyOrg>('/api/org/profile') });
}

interface Field {
  name: string;
  label: string;
  required?: boolean;
  textarea?: boolean;
  options?: readonly string[];
  placeholder?: string;
}

const FIELDS: Record<ProfileFormKey, Field[]> = {
  wjw: [
    { name: 'address', label: '机构地址' },
    { name: 'postcode', label: '邮政编码' },
    { name: 'leader', label: '负责人' },
    { name: 'contact', label: '联系人' },
    { name: 'phone', label: '联系电话' },
    { name: 'email', label: '电子邮箱' },
    { name: 'fax', label: '传真' },
  ],
  committee: [
    { name: 'name', label: '委员会名称', placeholder: '如：医师定期考核管理委员会' },
    { name: 'director', label: '主任' },
    { name: 'deputyDirector', label: '副主任' },
    { name: 'members', label: '成员', textarea: true, placeholder: '多名成员用顿号或换行分隔' },
    { name: 'contact', label: '联系人' },
    { name: 'phone', label: '联系电话' },
    { name: 'address', label: '地址' },
  ],
  office: [
    { name: 'name', label: '办公室名称', placeholder: '如：医师定期考核办公室' },
    { name: 'director', label: '主任' },
    { name: 'members', label: '成员', textarea: true, placeholder: '多名成员用顿号或换行分隔' },
    { name: 'contact', label: '联系人' },
    { name: 'phone', label: '联系电话' },
    { name: 'email', label: '电子邮箱' },
    { name: 'address', label: '地址' },
    { name: 'postcode', label: '邮政编码' },
  ],
  institution: [
    { name: 'creditCode', label: '统一社会信用代码' },
    { name: 'address', label: '地址', required: true },
    { name: 'category', label: '机构类别', required: true, options: INSTITUTION_CATEGORIES },
    { name: 'grade', label: '机构级别', required: true, options: INSTITUTION_GRADES },
    { name: 'legalPerson', label: '法定代表人' },
    { name: 'contact', label: '联系人', required: true },
    { name: 'phone', label: '联系电话', required: true },
    { name: 'postcode', label: '邮政编码' },
    { name: 'email', label: '电子邮箱' },
  ],
  industry: [
    { name: 'creditCode', label: '统一社会信用代码' },
    { name: 'address', label: '地址', required: true },
    { name: 'leader', label: '负责人' },
    { name: 'contact', label: '联系人', required: true },
    { name: 'phone', label: '联系电话', required: true },
    { name: 'postcode', label: '邮政编码' },
    { name: 'email', label: '电子邮箱' },
  ],
};

const TITLES: Record<ProfileFormKey, string> = {
  wjw: '卫健委',
  committee: '考核管理委员会',
  office: '考核办公室',
  institution: '本机构信息',
  industry: '本机构信息',
};

/**
 * One 本机构信息 form. 卫健委 is shown read-only first (【编辑】 → fill in → 【确认】);
 * 考核管理委员会 / 考核办公室 are edited directly and 【保存】d; institutions 【提交】.
 */
function ProfileForm({
  form,
  org,
  mode,
}: {
  form: ProfileFormKey;
  org: TMyOrg;
  mode: 'edit-confirm' | 'save' | 'submit';
}) {
  const [editing, setEditing] = useState(mode !== 'edit-confirm');
  const [saving, setSaving] = useState(false);
  const [f] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const values = org.forms[form] ?? {};
  useEffect(() => {
    f.setFieldsValue({ ...(form === 'institution' || form === 'industry' ? { address: org.address } : {}), ...values });
  }, [org, form]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = async (v: Record<string, unknown>) => {
    setSaving(true);
    try {
      const next = await api.put<TMyOrg>(`/api/org/profile/${form}`, v);
      qc.setQueryData(['org', 'profile'], next);
      message.success(mode === 'submit' ? '提交成功' : '保存成功');
      if (mode === 'edit-confirm') setEditing(false);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  };
  const fields = FIELDS[form];
  if (!editing) {
    return (
      <>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
          <Descriptions.Item label="机构名称">{org.name}</Descriptions.Item>
          {fields.map((x) => (
            <Descriptions.Item key={x.name} label={x.label}>
              {String(values[x.name] ?? '') || <Typography.Text type="secondary">未填写</Typography.Text>}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Button type="primary" style={{ marginTop: 16 }} onClick={() => setEditing(true)}>
          编辑
        </Button>
      </>
    );
  }
  return (
    <Form form={f} layout="horizontal" labelCol={{ flex: '140px' }} style={{ maxWidth: 720 }} onFinish={save}>
      <Form.Item label="机构名称">
        <Input value={org.name} disabled />
      </Form.Item>
      {fields.map((x) => (
        <Form.Item
          key={x.name}
          name={x.name}
          label={x.label}
          rules={x.required ? [{ required: true, message: `请填写${x.label}` }] : []}
        >
          {x.options ? (
            <Select placeholder={`请选择${x.label}`} options={x.options.map((o) => ({ value: o, label: o }))} />
          ) : x.textarea ? (
            <Input.TextArea rows={3} placeholder={x.placeholder} />
          ) : (
            <Input placeholder={x.placeholder} />
          )}
        </Form.Item>
      ))}
      <Form.Item label=" " colon={false}>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {mode === 'edit-confirm' ? '确认' : mode === 'submit' ? '提交' : '保存'}
          </Button>
          {mode === 'edit-confirm' && <Button onClick={() => setEditing(false)}>取消</Button>}
        </Space>
      </Form.Item>
    </Form>
  );
}

/** 本机构信息 → 卫健委 / 考核管理委员会 / 考核办公室 (administrations). */
export function AdminProfilePage({ form }: { form: 'wjw' | 'committee' | 'office' }) {
  const q = useMyOrg();
  return (
    <Card title={TITLES[form]} loading={q.isLoading}>
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
