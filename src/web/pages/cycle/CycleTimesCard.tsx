import { Alert, Button, Card, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { WINDOW_KEYS, WINDOW_LABELS } from '../../../shared/domain/windows';
import type { TCycleSettings, TCycleTimesInput } from '../../../shared/schemas/cycle';
import { useAction } from '../../components';
import { useSaveTimes } from '../../queries/cycle';

const FMT = 'YYYY/MM/DD';
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');
type Range = [Dayjs, Dayjs];

function initialTimes(s: TCycleSettings) {
  const c = s.cycle;
  return {
    name: c?.name ?? '',
    period: c ? [dayjs(c.periodStart), dayjs(c.periodEnd)] : undefined,
    ...Object.fromEntries(
      WINDOW_KEYS.map((k) => [k, c?.windows[k] ? [dayjs(c.windows[k].start), dayjs(c.windows[k].end)] : undefined]),
    ),
  };
}

/** 本周期考核设置 › 时间设置: the cycle's name and period and its six windows (【保存时间设置】). */
export function CycleTimesCard({ s }: { s: TCycleSettings }) {
  const act = useAction();
  const save = useSaveTimes();
  const saveTimes = (v: Record<string, unknown>) => {
    const period = v.period as Range;
    const body: TCycleTimesInput = {
      name: v.name as string,
      periodStart: iso(period[0]),
      periodEnd: iso(period[1]),
      windows: Object.fromEntries(
        WINDOW_KEYS.map((k) => [k, { start: iso((v[k] as Range)[0]), end: iso((v[k] as Range)[1]) }]),
      ) as TCycleTimesInput['windows'],
    };
    return act(() => save.mutateAsync(body), '时间设置已保存');
  };
  return (
    <Card title="本周期考核设置">
      {!s.cycle && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="本省尚未设置当前考核周期：填写周期名称、起止时间及各项考核时间后【保存时间设置】即创建。"
        />
      )}
      <Form layout="vertical" initialValues={initialTimes(s)} onFinish={saveTimes}>
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
                label={WINDOW_LABELS[k]}
                rules={[{ required: true, message: `请选择${WINDOW_LABELS[k]}` }]}
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
  );
}
