import { Alert, Descriptions, Divider, Empty, Spin, Tag, Timeline } from 'antd';
import { PROCEDURE_LABELS, type Procedure } from '../../../shared/domain/procedure';
import type { TEvaluationDetail } from '../../../shared/schemas/procedure';
import { errorText, IdNumber, StatusTag } from '../../components';
import { revealIdNumber, useEnrolmentDetail } from '../../queries/enrolment';
import { BodyOpinion, InstitutionOpinion } from './EvaluationOpinions';
import { fmtTime, ROLE_NAMES, text } from './format';
import { ExperienceView, RegistrationView } from './RegistrationView';
import { SelfEvaluationView } from './SelfEvaluationView';

export { fmtDate, fmtTime, ROLE_NAMES } from './format';
export { ExperienceView, RegistrationView } from './RegistrationView';
export { SelfEvaluationView } from './SelfEvaluationView';

type Rec = Record<string, unknown>;
type Evaluation = Partial<TEvaluationDetail['evaluation']>;

/**
 * 【查看】/【审核】 of one enrolment, in the manual's sections: 医师个人信息, 工作成绩、职业道德自评,
 * 卫生机构评定意见, 考核机构复核意见, 考核结果 (plus the procedure and the 办理记录).
 */
export function EnrolmentDetailView({ id }: { id: number }) {
  const q = useEnrolmentDetail(id);
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <Alert type="error" message={errorText(q.error)} />;
  const d = q.data;
  const app = d.procedureApplication as Rec;
  const ev = d.evaluation as Evaluation;
  const chosen = app.procedure as Procedure | undefined;
  return (
    <div>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="考核周期">{d.cycleName}</Descriptions.Item>
        <Descriptions.Item label="考核状态">
          <StatusTag kind="enrolment" status={d.status} />
        </Descriptions.Item>
        <Descriptions.Item label="卫生机构">{d.institutionName}</Descriptions.Item>
        <Descriptions.Item label="考核机构">{d.assessmentBodyName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{fmtTime(d.submittedAt)}</Descriptions.Item>
        {d.lastReason && <Descriptions.Item label="最近驳回理由">{d.lastReason}</Descriptions.Item>}
      </Descriptions>
      <Divider titlePlacement="start">医师个人信息</Divider>
      <RegistrationView
        reg={d.registration}
        name={d.physician.name}
        idType={d.physician.idType}
        idNumber={<IdNumber value={d.physician.idNumber} reveal={() => revealIdNumber(d.id)} />}
        photoUrl={d.hasPhoto ? `/api/enrolments/${d.id}/photo` : null}
      />
      <ExperienceView exp={(d.registration.experience ?? {}) as Rec} />
      <SelfEvaluationView s={d.selfEvaluation} />
      <Descriptions title="考核程序" size="small" bordered column={1} style={{ marginTop: 16 }}>
        <Descriptions.Item label="考核程序">
          {d.procedure ? PROCEDURE_LABELS[d.procedure] : chosen ? `${PROCEDURE_LABELS[chosen]}（未提交）` : '未选择'}
        </Descriptions.Item>
        {chosen === 'simple' && <Descriptions.Item label="述职报告">{text(app.report)}</Descriptions.Item>}
      </Descriptions>
      <Divider titlePlacement="start">卫生机构评定意见</Divider>
      <InstitutionOpinion inst={ev.institution} />
      <Divider titlePlacement="start">考核机构复核意见</Divider>
      <BodyOpinion review={ev.bodyReview} />
      <Divider titlePlacement="start">考核结果</Divider>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label="工作成绩">{text(d.workResult)}</Descriptions.Item>
        <Descriptions.Item label="职业道德">{text(d.ethicsResult)}</Descriptions.Item>
        <Descriptions.Item label="人文医学成绩">{text(d.humanitiesScore)}</Descriptions.Item>
        <Descriptions.Item label="业务水平成绩">{text(d.professionalScore)}</Descriptions.Item>
        <Descriptions.Item label="考核结果">
          {d.finalResult ? <Tag color={d.finalResult === '合格' ? 'success' : 'error'}>{d.finalResult}</Tag> : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Divider titlePlacement="start">办理记录</Divider>
      {d.history.length ? (
        <Timeline
          items={d.history.map((h) => ({
            children: (
              <span>
                {fmtTime(h.at)} {ROLE_NAMES[h.actorRole] ?? h.actorRole}「{h.actorName}」{h.action}
                {h.reason ? `，理由：${h.reason}` : ''}
              </span>
            ),
          }))}
        />
      ) : (
        <Empty description="暂无办理记录" />
      )}
    </div>
  );
}
