import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { EDUCATIONS } from '../../../../shared/schemas/enrolment';
import { FMT } from './wizard-data';

function ListSection({
  name,
  title,
  hint,
  fields,
}: {
  name: string;
  title: string;
  hint?: string;
  fields: (prefix: number) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(items, { add, remove }) => (
        <Card
          style={{ marginBottom: 12 }}
          title={
            <span>
              {title} <Typography.Text type="secondary">{hint ?? '（选填）'}</Typography.Text>
            </span>
          }
          extra={
            <Button icon={<PlusOutlined />} onClick={() => add({})} aria-label={`新增${title}`}>
              新增
            </Button>
          }
        >
          {!items.length && <Typography.Text type="secondary">暂无数据</Typography.Text>}
          {items.map((it, i) => (
            <Card
              key={it.key}
              type="inner"
              style={{ marginBottom: 8 }}
              title={`${title} ${i + 1}`}
              extra={
                <Button type="link" danger onClick={() => remove(it.name)}>
                  删除
                </Button>
              }
            >
              {fields(it.name)}
            </Card>
          ))}
        </Card>
      )}
    </Form.List>
  );
}

const dateItem = (n: number, key: string, label: string) => (
  <Form.Item name={[n, key]} label={label}>
    <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
  </Form.Item>
);
const textItem = (n: number, key: string, label: string, required = false) => (
  <Form.Item
    name={[n, key]}
    label={label}
    rules={required ? [{ required: true, message: `请填写${label}` }] : undefined}
  >
    <Input maxLength={200} />
  </Form.Item>
);

/** Step 3 相关经历 (seed 001 §2.2.3 (2)): every list optional, 【新增】 adds a card. */
export function ExperienceStep() {
  return (
    <>
      <ListSection
        name="multiSites"
        title="多机构备案信息"
        fields={(n) => (
          <>
            {textItem(n, 'institution', '机构', true)}
            {textItem(n, 'department', '科室')}
            {textItem(n, 'position', '职务')}
          </>
        )}
      />
      <ListSection
        name="education"
        title="教育经历"
        hint="（大专及以上学历，选填，可直接填最高学历）"
        fields={(n) => (
          <>
            <Form.Item name={[n, 'degree']} label="学历" rules={[{ required: true, message: '请选择学历' }]}>
              <Select options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
            {textItem(n, 'school', '院校', true)}
            {textItem(n, 'major', '专业')}
            {dateItem(n, 'start', '开始时间')}
            {dateItem(n, 'end', '结束时间')}
          </>
        )}
      />
      <ListSection
        name="practice"
        title="执业经历"
        fields={(n) => (
          <>
            {textItem(n, 'institution', '机构名称', true)}
            {textItem(n, 'title', '职称')}
            {textItem(n, 'position', '职务')}
            {dateItem(n, 'start', '开始时间')}
            {dateItem(n, 'end', '结束时间')}
            <Form.Item name={[n, 'current']} label="至今">
              <Radio.Group
                options={[
                  { value: true, label: '是' },
                  { value: false, label: '否' },
                ]}
              />
            </Form.Item>
          </>
        )}
      />
      <Typography.Title level={5}>科研成果（成果作为参考，无成果则不填写）</Typography.Title>
      <ListSection
        name="awards"
        title="科研获奖"
        fields={(n) => (
          <>
            {textItem(n, 'name', '科研获奖名称', true)}
            {dateItem(n, 'date', '科研获奖时间')}
            {textItem(n, 'level', '获奖等级')}
          </>
        )}
      />
      <ListSection
        name="papers"
        title="论文"
        fields={(n) => (
          <>
            {textItem(n, 'title', '论文名称', true)}
            {dateItem(n, 'date', '发表/出版日期')}
            {textItem(n, 'journal', '发表物/论文集')}
          </>
        )}
      />
      <ListSection
        name="books"
        title="著作"
        fields={(n) => (
          <>
            {textItem(n, 'title', '著作名称', true)}
            {dateItem(n, 'date', '出版日期')}
            {textItem(n, 'category', '著作类别')}
          </>
        )}
      />
      <ListSection
        name="patents"
        title="专利"
        fields={(n) => (
          <>
            {textItem(n, 'title', '专利名称', true)}
            {dateItem(n, 'date', '日期')}
            {textItem(n, 'category', '专利类别')}
          </>
        )}
      />
    </>
  );
}
