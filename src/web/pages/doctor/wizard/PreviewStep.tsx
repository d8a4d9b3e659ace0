import { Typography } from 'antd';
import { PROCEDURE_LABELS } from '../../../../shared/enrolment-status';
import type { TMine } from '../../../../shared/schemas/enrolment';
import { ExperienceView, RegistrationView, SelfEvaluationView } from '../../enrolment/EnrolmentDetail';
import type { Rec } from './wizard-data';

/** The 考核程序 saved for this enrolment, in words. */
export function procedureText(mine: TMine): string {
  const p = (mine.enrolment?.procedureApplication as Rec | undefined)?.procedure;
  return p === 'simple' || p === 'general' ? PROCEDURE_LABELS[p] : '未选择';
}

/** Step 6 确认信息: everything entered, as the reviewers will see it, before 【提交信息】. */
export function PreviewStep({ mine, photoUrl }: { mine: TMine; photoUrl: string | null }) {
  const e = mine.enrolment!;
  return (
    <>
      <Typography.Paragraph>请从上到下核对所填信息，确认无误后点击【提交信息】。</Typography.Paragraph>
      <RegistrationView
        reg={e.registration}
        name={mine.prefill.name}
        idType={mine.prefill.idType}
        idNumber={mine.prefill.idNumber}
        photoUrl={photoUrl}
      />
      <ExperienceView exp={(e.registration.experience ?? {}) as Rec} />
      <SelfEvaluationView s={e.selfEvaluation} />
      {mine.cycle?.procedureChoice === 'with_registration' && (
        <Typography.Paragraph style={{ marginTop: 16 }} strong>
          考核程序：{procedureText(mine)}
        </Typography.Paragraph>
      )}
    </>
  );
}
