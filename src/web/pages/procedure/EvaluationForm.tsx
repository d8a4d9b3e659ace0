import { Button, Card, Form, type FormInstance, Input, Radio } from 'antd';
import type { TEvaluateInput, TEvaluationDetail } from '../../../shared/schemas/procedure';

const RATINGS = ['合格', '不合格'];

/** 卫生机构评定: 工作成绩 and 职业道德 (合格/不合格) with opinions, and 【新增意见】 for other practice sites. */
export function EvaluationForm({
  form,
  prev,
}: {
  form: FormInstance<TEvaluateInput>;
  prev: TEvaluationDetail['evaluation']['institution'];
}) {
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        workResult: prev?.workResult,
        workOpinion: prev?.workOpinion ?? '',
        ethicsResult: prev?.ethicsResult,
        ethicsOpinion: prev?.ethicsOpinion ?? '',
        otherOpinions: prev?.otherOpinions ?? [],
      }}
    >
      <Form.Item name="workResult" label="工作成绩" rules={[{ required: true, message: '请评定工作成绩' }]}>
        <Radio.Group options={RATINGS} />
      </Form.Item>
      <Form.Item name="workOpinion" label="工作成绩评定意见">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      <Form.Item name="ethicsResult" label="职业道德" rules={[{ required: true, message: '请评定职业道德' }]}>
        <Radio.Group options={RATINGS} />
      </Form.Item>
      <Form.Item name="ethicsOpinion" label="职业道德评定意见">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      <Form.List name="otherOpinions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card
                key={f.key}
                size="small"
                title="其他执业机构意见"
                style={{ marginBottom: 8 }}
                extra={
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    删除
                  </Button>
                }
              >
                <Form.Item
                  name={[f.name, 'institutionName']}
                  label="机构名称"
                  rules={[{ required: true, message: '请填写机构名称' }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name={[f.name, 'opinion']} label="意见" rules={[{ required: true, message: '请填写意见' }]}>
                  <Input.TextArea maxLength={500} rows={2} />
                </Form.Item>
                <Form.Item name={[f.name, 'result']} label="评定" rules={[{ required: true, message: '请选择评定' }]}>
                  <Radio.Group options={RATINGS} />
                </Form.Item>
              </Card>
            ))}
            <Button onClick={() => add({ institutionName: '', opinion: '', result: '合格' })}>新增意见</Button>
          </>
        )}
      </Form.List>
    </Form>
  );
}
