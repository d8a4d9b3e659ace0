import { Form, type FormInstance, Input, InputNumber, Radio, Typography } from 'antd';
import { DISQUALIFYING_SITUATIONS, ETHICS_REFERENCE_ITEMS } from '../../../../shared/schemas/enrolment';

/**
 * Step 4 工作成绩、职业道德 (seed 001 §2.2.3 (3)). Number fields have no steppers: antd announces
 * them in English ("Increase Value"), and on a phone the numeric keyboard is easier anyway.
 */
export function SelfStep({ form }: { form: FormInstance }) {
  const good = Form.useWatch('goodRecord', form);
  const bad = Form.useWatch('badRecord', form);
  const yn = <Radio.Group options={['有', '无']} />;
  const pf = <Radio.Group options={['合格', '不合格']} />;
  return (
    <>
      <Typography.Title level={5}>* 请针对您的执业行为记录进行自评</Typography.Title>
      <Form.Item name="goodRecord" label="良好执业行为记录" rules={[{ required: true, message: '请选择' }]}>
        {yn}
      </Form.Item>
      {good === '有' && (
        <>
          <Form.Item name="goodRecordAwards" label="受到的表彰、奖励">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="goodRecordTasks" label="完成政府的指令性任务">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="goodRecordResearch" label="取得的科研成果">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      <Form.Item name="badRecord" label="不良执业行为记录" rules={[{ required: true, message: '请选择' }]}>
        {yn}
      </Form.Item>
      {bad === '有' && (
        <Form.Item name="badRecordDetail" label="不良执业行为记录说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
      <Typography.Title level={5}>* 请针对您的工作成绩进行自评</Typography.Title>
      <Form.Item name="workQuantity" label="完成工作数量" rules={[{ required: true, message: '请选择' }]}>
        {pf}
      </Form.Item>
      <Typography.Text type="secondary">以下四项根据情况选填</Typography.Text>
      <div style={{ marginTop: 8 }}>
        <Form.Item name="patients" label="接诊病人数">
          <InputNumber min={0} precision={0} controls={false} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="operations" label="手术量（外科科室）">
          <InputNumber min={0} precision={0} controls={false} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="examinations" label="检验/检查量（医技科室）">
          <InputNumber min={0} precision={0} controls={false} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="wardRounds" label="查房次数">
          <InputNumber min={0} precision={0} controls={false} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="workQuality" label="完成工作质量" rules={[{ required: true, message: '请选择' }]}>
        {pf}
      </Form.Item>
      <Form.Item name="governmentTasks" label="完成政府指令性工作情况" rules={[{ required: true, message: '请选择' }]}>
        {pf}
      </Form.Item>
      <Typography.Title level={5}>* 请针对您的职业道德进行自评</Typography.Title>
      <Typography.Paragraph>在本考核周期内，您是否有下列被直接认定为不合格的情形：</Typography.Paragraph>
      {DISQUALIFYING_SITUATIONS.map((s, i) => (
        <Form.Item
          key={s}
          name={['disqualifying', i]}
          label={`${i + 1}. ${s}`}
          rules={[{ required: true, message: '请选择' }]}
        >
          {yn}
        </Form.Item>
      ))}
      <Form.Item name="ethicsSelf" label="医德医风自评" rules={[{ required: true, message: '请选择' }]}>
        <Radio.Group options={['优秀', '良好', '一般']} />
      </Form.Item>
      <Typography.Text type="secondary">医德医风自评参考项如下：</Typography.Text>
      <ol style={{ paddingLeft: 24, color: '#555' }}>
        {ETHICS_REFERENCE_ITEMS.map((t) => (
          <li key={t}>{t}；</li>
        ))}
      </ol>
    </>
  );
}
