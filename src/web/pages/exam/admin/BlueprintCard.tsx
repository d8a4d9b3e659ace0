import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useLayoutEffect } from 'react';
import type { TBlueprintInput, TBlueprintView } from '../../../../shared/schemas/exam';
import { api } from '../../../api/client';

/** One paper type's blueprint: duration, question count, attempts and the drawing rules. */
export function BlueprintCard({ bp }: { bp: TBlueprintView }) {
  const [form] = Form.useForm<TBlueprintInput>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  useLayoutEffect(() => {
    form.setFieldsValue({
      durationMinutes: bp.durationMinutes,
      questionCount: bp.questionCount,
      attempts: bp.attempts,
      rules: bp.rules,
    });
  }, [bp, form]);
  const save = useMutation({
    mutationFn: (v: TBlueprintInput) => api.put(`/api/exam/blueprints/${bp.paperType}`, v),
    onSuccess: () => {
      message.success('已保存');
      void qc.invalidateQueries({ queryKey: ['exam-blueprints'] });
    },
    onError: (e) => message.error(e.message),
  });
  const categories = [...new Set(bp.bank.map((b) => b.category))];
  const bankByGroup = bp.bank.reduce<Record<string, number>>((acc, b) => {
    const k = bp.paperType === 'professional' ? `${b.practiceCategory ?? '未设置'} · ${b.category}` : b.category;
    acc[k] = (acc[k] ?? 0) + b.count;
    return acc;
  }, {});
  return (
    <Card
      title={
        <Space>
          {bp.label}
          {bp.custom ? <Tag color="blue">已设置</Tag> : <Tag>默认规则</Tag>}
        </Space>
      }
    >
      {bp.warning && <Alert type="warning" showIcon message={bp.warning} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, rules: v.rules ?? [] })}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              label="考试时长（分钟）"
              name="durationMinutes"
              rules={[{ required: true, message: '请填写考试时长' }]}
            >
              <InputNumber min={1} max={300} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="题量" name="questionCount" rules={[{ required: true, message: '请填写题量' }]}>
              <InputNumber min={1} max={300} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              label="答题次数"
              name="attempts"
              rules={[{ required: true, message: '请填写答题次数' }]}
              extra={bp.paperType === 'professional' ? '业务水平测评仅一次答题机会' : '达到合格分数即交卷成功'}
            >
              <InputNumber min={1} max={20} style={{ width: '100%' }} disabled={bp.paperType === 'professional'} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>组卷规则</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          按分类、难度指定题数；其余题目从题库中随机抽取。
          {bp.paperType === 'professional' && '业务水平试题按医师的执业类别抽取。'}
        </Typography.Paragraph>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'category']} style={{ marginBottom: 0 }}>
                    <Select
                      allowClear
                      placeholder="分类（任意）"
                      style={{ width: 160 }}
                      options={categories.map((c) => ({ value: c, label: c }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'difficulty']} style={{ marginBottom: 0 }}>
                    <Select
                      allowClear
                      placeholder="难度（任意）"
                      style={{ width: 120 }}
                      options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: `难度 ${d}` }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'count']}
                    rules={[{ required: true, message: '题数' }]}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber min={1} max={300} placeholder="题数" addonAfter="题" style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ category: null, difficulty: null, count: 5 })} style={{ marginTop: 4 }}>
                添加规则
              </Button>
            </>
          )}
        </Form.List>
        <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
          <Descriptions.Item label="合格分数线">
            {bp.passLines.map((p) => `${p.label} ${p.score} 分`).join('；')}（在「本周期考核设置」中修改）
          </Descriptions.Item>
          <Descriptions.Item label="题库可用试题">
            {Object.keys(bankByGroup).length
              ? Object.entries(bankByGroup)
                  .map(([k, n]) => `${k} ${n}`)
                  .join('；')
              : '无'}
          </Descriptions.Item>
        </Descriptions>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
