import { Button, Result, Typography } from 'antd';
import type { TMine } from '../../../../shared/schemas/enrolment';
import type { WizardMode } from './wizard-data';

/**
 * After 【提交信息】: what happens next, in the order it happens (seed 004 第七步–第九步 and its
 * hint 报名审核通过后，可在首页查看免考条件，申请免考).
 */
export function SubmittedResult({
  mine,
  mode,
  onView,
  onHome,
}: {
  mine: TMine;
  mode: WizardMode;
  onView?: () => void;
  onHome: () => void;
}) {
  const withRegistration = mine.cycle?.procedureChoice === 'with_registration';
  const next =
    mode === 'change'
      ? [
          '卫生机构审核您修改的信息；审核通过后，修改内容生效。',
          '审核结果将以站内消息及短信通知您，请注意查看。',
          '审核期间您原来的报名信息保持不变。',
        ]
      : [
          '医疗卫生机构审核您的报名信息；审核结果将以站内消息及短信通知您。',
          '卫生机构审核通过后，由考核机构复核；复核通过即报名成功。',
          withRegistration
            ? '报名成功后，卫生机构评定您的工作成绩、职业道德，考核机构复核，之后按通知时间参加测评。'
            : '报名成功后，请在首页点击【选择考核程序】，选择一般程序或简易程序。',
          '如被驳回，首页会显示驳回理由，您可修改后重新提交。',
        ];
  return (
    <Result
      status="success"
      title={mode === 'change' ? '修改信息已提交' : '报名信息提交成功'}
      subTitle={mode === 'change' ? '请耐心等待卫生机构审核修改内容' : '请耐心等待医疗卫生机构审核、考核机构复核'}
      extra={[
        onView && (
          <Button key="v" onClick={onView}>
            查看信息
          </Button>
        ),
        <Button key="h" type="primary" onClick={onHome}>
          返回首页
        </Button>,
      ]}
    >
      <div style={{ textAlign: 'left' }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          接下来
        </Typography.Title>
        <ol style={{ paddingLeft: 24, marginBottom: 12 }}>
          {next.map((t) => (
            <li key={t} style={{ marginBottom: 6 }}>
              {t}
            </li>
          ))}
        </ol>
        {mode === 'register' && (
          <Typography.Paragraph strong style={{ marginBottom: 0 }}>
            提示：报名审核通过后，可在首页查看免考条件，申请免考。
          </Typography.Paragraph>
        )}
      </div>
    </Result>
  );
}
