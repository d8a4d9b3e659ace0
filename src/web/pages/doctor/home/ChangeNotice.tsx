import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import type { TChangeRequestView } from '../../../../shared/schemas/enrolment';

/**
 * 医师信息修改 on the home page (seed 002: 经本单位审核同意后方可修改): once the institution has
 * agreed, one tap opens the editable wizard; afterwards the state of the resubmission.
 */
export function ChangeNotice({ cr }: { cr: TChangeRequestView | null }) {
  const nav = useNavigate();
  if (!cr) return null;
  if (cr.state === 'allowed') {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginTop: 12 }}
        data-testid="change-allowed"
        message="卫生机构已同意您修改报名信息"
        description={
          <>
            <div style={{ marginBottom: 8 }}>
              可修改基本信息（含照片）、执业信息、相关经历和工作成绩、职业道德自评，修改后点击【提交】，由卫生机构重新审核。
            </div>
            <Button type="primary" block onClick={() => nav('/doctor/change')}>
              修改报名信息
            </Button>
          </>
        }
      />
    );
  }
  if (cr.state === 'pending' || cr.state === 'submitted') {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 12 }}
        message={`医师信息修改：${cr.stateLabel}`}
        description={
          cr.state === 'pending'
            ? '修改申请已提交，请联系本单位审核；同意后这里会出现【修改报名信息】。'
            : '修改后的信息已提交，请等待卫生机构审核。'
        }
      />
    );
  }
  return null;
}
