import { Descriptions, Divider, Tag } from 'antd';
import { selfEvaluationSections } from '../../../shared/domain/self-evaluation';

/** 工作成绩、职业道德自评 with the wizard's Chinese labels and sections (never stored keys). */
export function SelfEvaluationView({ s }: { s: Record<string, unknown> | null | undefined }) {
  return (
    <>
      <Divider titlePlacement="start">工作成绩、职业道德自评</Divider>
      {selfEvaluationSections(s).map((sec) => (
        <Descriptions
          key={sec.title}
          title={sec.title}
          size="small"
          bordered
          column={1}
          style={{ marginBottom: 12 }}
          styles={{ label: { width: '60%' } }}
        >
          {sec.rows.map((r) => (
            <Descriptions.Item key={r.label} label={r.label}>
              {r.value === '有' && sec.title === '职业道德自评' ? <Tag color="red">有</Tag> : r.value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ))}
    </>
  );
}
