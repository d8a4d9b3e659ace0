import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  CONTENT_KEYS,
  CONTENT_LABELS,
  type TCycleContentInput,
  type TCycleSettings,
} from '../../../shared/schemas/cycle';
import { useAction } from '../../components';
import { useSaveContent } from '../../queries/cycle';

/** 本周期考核设置 › 考核内容: 【编辑考核内容】, the items of 工作成绩、职业道德、业务水平, 【保存】. */
export function CycleContentCard({ s }: { s: TCycleSettings }) {
  const [editingContent, setEditingContent] = useState(false);
  const [contentForm] = Form.useForm();
  const act = useAction();
  const save = useSaveContent();
  const c = s.cycle;
  const initial = c?.contentItems && Object.keys(c.contentItems).length ? c.contentItems : s.defaults.contentItems;
  const saveContent = async (v: TCycleContentInput) => {
    if (await act(() => save.mutateAsync(v), '考核内容已保存')) setEditingContent(false);
  };
  const cancel = () => {
    contentForm.resetFields();
    setEditingContent(false);
  };
  return (
    <Card
      title="考核内容"
      extra={
        !editingContent && (
          <Button onClick={() => setEditingContent(true)} disabled={!s.cycle}>
            编辑考核内容
          </Button>
        )
      }
    >
      <Form
        form={contentForm}
        layout="vertical"
        initialValues={initial}
        onFinish={saveContent}
        disabled={!editingContent}
      >
        <Row gutter={16}>
          {CONTENT_KEYS.map((k) => (
            <Col xs={24} md={8} key={k}>
              <Typography.Title level={5}>{CONTENT_LABELS[k]}</Typography.Title>
              <Form.List name={k}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item
                          name={f.name}
                          rules={[{ required: true, message: '请填写考核项目' }]}
                          style={{ marginBottom: 8 }}
                        >
                          <Input placeholder="考核项目" maxLength={100} />
                        </Form.Item>
                        {editingContent && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除项目" />}
                      </Space>
                    ))}
                    {editingContent && (
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
                        添加项目
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Col>
          ))}
        </Row>
        {editingContent && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
            <Button onClick={cancel}>取消</Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}
