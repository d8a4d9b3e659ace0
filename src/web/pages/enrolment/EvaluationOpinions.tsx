import { Descriptions, Tag, Typography } from 'antd';
import type { TEvaluationDetail } from '../../../shared/schemas/procedure';
import { fmtDate } from './format';

type Evaluation = TEvaluationDetail['evaluation'];
const rating = (r: string) => <Tag color={r === '合格' ? 'success' : 'error'}>{r}</Tag>;

/** 卫生机构评定意见: 工作成绩 and 职业道德 with opinions, and other practice sites' opinions. */
export function InstitutionOpinion({ inst }: { inst: Evaluation['institution'] | undefined }) {
  if (!inst) return <Typography.Text type="secondary">卫生机构尚未评定</Typography.Text>;
  return (
    <Descriptions size="small" bordered column={1}>
      <Descriptions.Item label="工作成绩">
        {rating(inst.workResult)} {inst.workOpinion}
      </Descriptions.Item>
      <Descriptions.Item label="职业道德">
        {rating(inst.ethicsResult)} {inst.ethicsOpinion}
      </Descriptions.Item>
      {(inst.otherOpinions ?? []).map((o) => (
        <Descriptions.Item key={`${o.institutionName}-${o.opinion}`} label={`其他机构：${o.institutionName}`}>
          <Tag>{o.result}</Tag> {o.opinion}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label="评定">{`${inst.by}　${fmtDate(inst.at)}`}</Descriptions.Item>
    </Descriptions>
  );
}

/** 考核机构复核意见: 同意, or which part was not agreed and why. */
export function BodyOpinion({ review }: { review: Evaluation['bodyReview'] | undefined }) {
  if (!review) return <Typography.Text type="secondary">考核机构尚未复核</Typography.Text>;
  const disagreed = [!review.workAgree && '工作成绩', !review.ethicsAgree && '职业道德'].filter(Boolean).join('、');
  return (
    <Descriptions size="small" bordered column={1}>
      <Descriptions.Item label="复核意见">
        {review.decision}
        {disagreed ? `（不同意：${disagreed}）` : ''}
      </Descriptions.Item>
      {review.reason && <Descriptions.Item label="理由">{review.reason}</Descriptions.Item>}
      <Descriptions.Item label="复核">{`${review.by}　${fmtDate(review.at)}`}</Descriptions.Item>
    </Descriptions>
  );
}
