import { Button, Form, Input, Space, Tag } from 'antd';
import { type ReactNode, useLayoutEffect } from 'react';
import type { ListState } from './useListState';

/** Names of typed (text) filters: applied on 【查询】/Enter, not on every key stroke. */
const TEXT_FIELDS = ['q', 'keyword'];

const trimmed = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() || undefined : x]));

/**
 * A list's filter form: choices apply at once, text on 【查询】 or Enter; 【重置】 clears them, and a
 * 「已筛选」 tag says when the list is narrowed. `children` are `Form.Item`s named after the filters.
 */
export function FilterBar<F extends object>({
  list,
  children,
  extra,
}: {
  list: ListState<F>;
  children: ReactNode;
  /** buttons after the filters (导出, 批量…) */
  extra?: ReactNode;
}) {
  const [form] = Form.useForm();
  // keep the form in step when the list is reset from elsewhere (the table's empty state)
  const applied = JSON.stringify(list.filters);
  // before paint, so what the user types the moment the bar appears is not blanked afterwards
  useLayoutEffect(() => {
    const blank = Object.fromEntries(Object.keys(form.getFieldsValue()).map((k) => [k, undefined]));
    form.setFieldsValue({ ...blank, ...JSON.parse(applied) });
  }, [form, applied]);
  const apply = () => list.apply(trimmed(form.getFieldsValue()) as F);
  return (
    <Form
      key={list.key}
      form={form}
      layout="inline"
      initialValues={list.filters}
      style={{ marginBottom: 12, rowGap: 8 }}
      onFinish={apply}
      onValuesChange={(changed: Record<string, unknown>) => {
        const [k, v] = Object.entries(changed)[0] ?? [];
        if (k && (!TEXT_FIELDS.includes(k) || !v)) apply();
      }}
    >
      {children}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button onClick={list.reset}>重置</Button>
          {list.active && <Tag color="orange">已筛选</Tag>}
        </Space>
      </Form.Item>
      {extra && <Form.Item>{extra}</Form.Item>}
    </Form>
  );
}

/** The usual 姓名或证件号码 search box of a list. */
export function KeywordFilter({ name = 'keyword', label }: { name?: string; label?: string }) {
  return (
    <Form.Item name={name} label={label}>
      <Input allowClear placeholder="姓名或证件号码" style={{ width: 220 }} />
    </Form.Item>
  );
}
