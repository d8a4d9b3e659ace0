import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Spin,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import {
  CONTENT_KEYS,
  CONTENT_LABELS,
  PROCEDURE_CHOICE_LABELS,
  WINDOW_KEYS,
  WINDOW_LABELS_ZH,
  type TCycle,
  type TCycleContentInput,
  type TCycleRulesInput,
  type TCycleSettings,
  type TCycleTimesInput,
} from '../../../shared/schemas/cycle';

const FMT = 'YYYY/MM/DD';
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');
type Range = [Dayjs, Dayjs];

/** 考核设置 → 本周期考核设置 (省级): 时间设置, 考核内容, 考核规则. */
export function CycleSettingsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['cycle-settings'], queryFn: () => api.get<TCycleSettings>('/api/cycle-settings') });
  const [timesForm] = Form.useForm();
  const [contentForm] = Form.useForm();
  const [rulesForm] = Form.useForm();
  const [editingContent, setEditingContent] = useState(false);
  const s = q.data;
  const cycle = s?.cycle ?? null;

  useEffect(() => {
    if (!s) return;
    const c = s.cycle;
    timesForm.setFieldsValue({
      name: c?.name ?? '',
      period: c ? [dayjs(c.periodStart), dayjs(c.periodEnd)] : undefined,
      ...Object.fromEntries(
        WINDOW_KEYS.map((k) => [k, c?.windows[k] ? [dayjs(c.windows[k].start), dayjs(c.windows[k].end)] : undefined]),
      ),
    });
    contentForm.setFieldsValue(
      c?.contentItems && Object.keys(c.contentItems).length ? c.contentItems : s.defaults.contentItems,
    );
    rulesForm.setFieldsValue({
      passHumanities: c?.passHumanities ?? 60,
      passProfessionalPhysician: c?.passProfessionalPhysician ?? 60,
      passProfessionalAssistant: c?.passProfessionalAssistant ?? 55,
      paperRules: c?.paperRules && Object.keys(c.paperRules).length ? c.paperRules : s.defaults.paperRules,
      physicianInitialPassword: s.physicianInitialPassword,
      procedureChoice: c?.procedureChoice ?? 'with_registration',
    });
  }, [s, timesForm, contentForm, rulesForm]);

  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: ['cycle-settings'] });
  };
  const saveTimes = async (v: Record<string, unknown>) => {
    const period = v.period as Range;
    const body: TCycleTimesInput = {
      name: v.name as string,
      periodStart: iso(period[0]),
      periodEnd: iso(period[1]),
      windows: Object.fromEntries(
        WINDOW_KEYS.map((k) => [k, { start: iso((v[k] as Range)[0]), end: iso((v[k] as Range)[1]) }]),
      ) as TCycleTimesInput['windows'],
    };
    try {
      await api.put<TCycle>('/api/cycle-settings/times', body);
      await done('时间设置已保存');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const saveContent = async (v: TCycleContentInput) => {
    try {
      await api.put<TCycle>('/api/cycle-settings/content', v);
      setEditingContent(false);
      await done('考核内容已保存');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const saveRules = async (v: TCycleRulesInput) => {
    try {
      await api.put<TCycle>('/api/cycle-settings/rules', v);
      await done('考核规则已保存');
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="本周期考核设置">
        {!cycle && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="本省尚未设置当前考核周期：填写周期名称、起止时间及各项考核时间后【保存时间设置】即创建。"
          />
        )}
        <Form form={timesForm} layout="vertical" onFinish={saveTimes}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label="考核周期名称" rules={[{ required: true, message: '请填写考核周期名称' }]}>
                <Input placeholder="如：2025—2027年度医师定期考核" maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="period" label="考核周期" rules={[{ required: true, message: '请选择考核周期' }]}>
                <DatePicker.RangePicker format={FMT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {WINDOW_KEYS.map((k) => (
              <Col xs={24} md={12} key={k}>
                <Form.Item
                  name={k}
                  label={WINDOW_LABELS_ZH[k]}
                  rules={[{ required: true, message: `请选择${WINDOW_LABELS_ZH[k]}` }]}
                >
                  <DatePicker.RangePicker format={FMT} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit">
            保存时间设置
          </Button>
        </Form>
      </Card>

      <Card
        title="考核内容"
        extra={
          !editingContent && (
            <Button onClick={() => setEditingContent(true)} disabled={!cycle}>
              编辑考核内容
            </Button>
          )
        }
      >
        <Form form={contentForm} layout="vertical" onFinish={saveContent} disabled={!editingContent}>
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
                          {editingContent && (
                            <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除项目" />
                          )}
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
              <Button onClick={() => setEditingContent(false)}>取消</Button>
            </Space>
          )}
        </Form>
      </Card>

      <Card title="考核规则">
        <Form form={rulesForm} layout="vertical" onFinish={saveRules} disabled={!cycle}>
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
                extra={s?.procedureChoiceLocked ? '本周期已有医师按当前方式提交报名，不能再更改' : undefined}
              >
                <Radio.Group disabled={s?.procedureChoiceLocked}>
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
    </Space>
  );
}
