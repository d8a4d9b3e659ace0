import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, type FormInstance, Input, Radio, Select, TreeSelect } from 'antd';
import { api } from '../../../api/client';
import {
  CATEGORIES,
  EMPLOYMENTS,
  LEVELS,
  PRACTICE_SCOPES,
  SPECIALTIES,
  TITLES,
  type TMine,
} from '../../../../shared/schemas/enrolment';
import { FMT } from './wizard-data';

interface DeptNode {
  id: number;
  name: string;
  children: DeptNode[];
}

/** Step 2 执业信息 (seed 001 §2.2.3 (1)): 科室 from the institution's 科室信息; registry numbers locked. */
export function PracticeStep({ mine, form }: { mine: TMine; form: FormInstance }) {
  const depts = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ items: DeptNode[] }>('/api/departments'),
  });
  const category = Form.useWatch('category', form) as (typeof CATEGORIES)[number] | undefined;
  const resident = Form.useWatch('isResident', form) as boolean | undefined;
  type TreeNode = { value: number; title: string; children: TreeNode[] };
  const toTree = (n: DeptNode[]): TreeNode[] =>
    n.map((d) => ({ value: d.id, title: d.name, children: toTree(d.children ?? []) }));
  const p = mine.prefill;
  return (
    <>
      <Form.Item
        name="departmentId"
        label="科室"
        rules={[{ required: true, message: '请选择科室' }]}
        extra={
          depts.data && !depts.data.items.length ? '如发现科室信息为空，请联系所在单位完善系统的科室信息' : undefined
        }
      >
        <TreeSelect
          treeData={toTree(depts.data?.items ?? [])}
          placeholder="请选择"
          treeDefaultExpandAll
          loading={depts.isLoading}
        />
      </Form.Item>
      <Form.Item name="specialties" label="从事专业" rules={[{ required: true, message: '请选择从事专业' }]}>
        <Select mode="tags" placeholder="请选择（可多选）" options={SPECIALTIES.map((s) => ({ value: s, label: s }))} />
      </Form.Item>
      <Form.Item name="title" label="职称" rules={[{ required: true, message: '请选择职称' }]}>
        <Select placeholder="请选择" options={TITLES.map((t) => ({ value: t, label: t }))} />
      </Form.Item>
      <Form.Item name="titleDate" label="取得时间">
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="position" label="职务">
        <Input placeholder="请输入职务" maxLength={50} />
      </Form.Item>
      <Form.Item name="positionDate" label="任职时间">
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="level" label="医师级别" rules={[{ required: true, message: '请选择医师级别' }]}>
        <Select options={LEVELS.map((l) => ({ value: l, label: l }))} />
      </Form.Item>
      <Form.Item
        name="isResident"
        label="规培生"
        rules={[{ required: true, message: '请选择是否规培生' }]}
        extra="当前是规培医生的选（是）；不是规培医生的选（否）"
      >
        <Radio.Group
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
        />
      </Form.Item>
      <Form.Item name="category" label="执业类别" rules={[{ required: true, message: '请选择执业类别' }]}>
        <Select
          options={CATEGORIES.map((c) => ({ value: c, label: c }))}
          onChange={() => form.setFieldValue('scope', undefined)}
        />
      </Form.Item>
      <Form.Item
        name="scope"
        label="执业范围（规培生非必填）"
        rules={[{ required: resident === false, message: '请选择执业范围' }]}
      >
        <Select
          allowClear
          placeholder="请选择"
          options={(category ? PRACTICE_SCOPES[category] : []).map((s) => ({ value: s, label: s }))}
        />
      </Form.Item>
      <Form.Item name="employment" label="执业情况" rules={[{ required: true, message: '请选择执业情况' }]}>
        <Radio.Group options={EMPLOYMENTS.map((e) => ({ value: e, label: e }))} />
      </Form.Item>
      <Form.Item
        name="qualificationNo"
        label="资格证书编号"
        rules={[{ required: true, message: '请输入资格证书编号' }]}
        extra={p.qualificationNo ? '来源于电子化注册系统，不可修改' : undefined}
      >
        <Input disabled={Boolean(p.qualificationNo)} maxLength={40} />
      </Form.Item>
      <Form.Item
        name="licenseNo"
        label="执业证书编号"
        extra={p.licenseNo ? '来源于电子化注册系统，不可修改' : undefined}
      >
        <Input disabled={Boolean(p.licenseNo)} maxLength={40} />
      </Form.Item>
      <Form.Item name="firstRegisteredAt" label="首次注册时间">
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
    </>
  );
}
