import { Button, Card, Col, Form, InputNumber, Radio, Row, Space, Typography } from 'antd';
import { PROCEDURE_CHOICE_LABELS, type TCycleRulesInput, type TCycleSettings } from '../../../shared/schemas/cycle';
import { useAction } from '../../components';
import { useSaveRules } from '../../queries/cycle';

function initialRules(s: TCycleSettings) {
  const c = s.cycle;
  return {
    passHumanities: c?.passHumanities ?? 60,
    passProfessionalPhysician: c?.passProfessionalPhysician ?? 60,
    passProfessionalAssistant: c?.passProfessionalAssistant ?? 55,
    paperRules: c?.paperRules && Object.keys(c.paperRules).length ? c.paperRules : s.defaults.paperRules,
    physicianInitialPassword: s.physicianInitialPassword,
    procedureChoice: c?.procedureChoice ?? 'with_registration',
  };
}

/** 本周期考核设置 › 考核规则: pass lines, paper rules, initial-password rule, how the procedure is chosen. */
export function CycleRulesCard({ s }: { s: TCycleSettings }) {
  const act = useAction();
  const save = useSaveRules();
  const saveRules = (v: TCycleRulesInput) => act(() => save.mutateAsync(v), '考核规则已保存');
  return (
    <Card title="考核规则">
      <Form layout="vertical" initialValues={initialRules(s)} onFinish={saveRules} disabled={!s.cycle}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="passHumanities" label="人文医学合格分数线" rules={[{ required: true }]}>
              <InputNumber min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="passProfessionalPhysician"
              label="业务水平合格分数线（执业医师）"
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="passProfessionalAssistant"
              label="业务水平合格分数线（执业助理医师）"
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(['humanities', 'professional'] as const).map((p) => (
            <Col xs={24} md={12} key={p}>
              <Typography.Title level={5}>
                {p === 'humanities' ? '人文医学测评试卷' : '业务水平测评试卷'}
              </Typography.Title>
              <Space wrap>
                <Form.Item
                  name={['paperRules', p, 'durationMinutes']}
                  label="考试时长（分钟）"
                  rules={[{ required: true }]}
                >
                  <InputNumber min={10} max={300} />
                </Form.Item>
                <Form.Item name={['paperRules', p, 'questionCount']} label="题量" rules={[{ required: true }]}>
                  <InputNumber min={5} max={300} />
                </Form.Item>
                <Form.Item name={['paperRules', p, 'attempts']} label="答题次数" rules={[{ required: true }]}>
                  <InputNumber min={1} max={20} />
                </Form.Item>
              </Space>
            </Col>
          ))}
          <Col xs={24} md={12}>
            <Form.Item name="physicianInitialPassword" label="医师初始密码规则">
              <Radio.Group>
                <Radio value="666666">666666</Radio>
                <Radio value="id_last6">证件号码后六位（X 大写）</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="procedureChoice"
              label="考核程序的选择方式"
              extra={s.procedureChoiceLocked ? '本周期已有医师按当前方式提交报名，不能再更改' : undefined}
            >
              <Radio.Group disabled={s.procedureChoiceLocked}>
                {(Object.keys(PROCEDURE_CHOICE_LABELS) as (keyof typeof PROCEDURE_CHOICE_LABELS)[]).map((k) => (
                  <Radio key={k} value={k}>
                    {PROCEDURE_CHOICE_LABELS[k]}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
