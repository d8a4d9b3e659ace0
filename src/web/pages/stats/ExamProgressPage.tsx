import { Card, Form, Radio, Typography } from 'antd';
import { useState } from 'react';
import { ExportJobButton } from '../../components/ExportJobButton';
import { PAPER_LABELS } from '../../../shared/schemas/exports';

/**
 * 考试进展导出: for physicians who have reached 待参加医学人文或业务水平测评, apply for the list of who
 * took / did not take a paper, then download it (按系统提示需要先申请，再导出).
 */
export function ExamProgressPage() {
  const [paperType, setPaperType] = useState<'humanities' | 'professional'>('humanities');
  const [taken, setTaken] = useState<'all' | 'taken' | 'not_taken'>('all');
  return (
    <Card title="考试进展导出">
      <Typography.Paragraph type="secondary">
        针对已进入待参加医学人文或业务水平测评的医师，可申请导出已参加测评、未参加测评的医师名单。按系统提示需要先申请，再导出：点击【申请导出】，导出完成后点击【下载】。
      </Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label="试卷">
          <Radio.Group
            value={paperType}
            onChange={(e) => setPaperType(e.target.value)}
            options={(Object.keys(PAPER_LABELS) as (keyof typeof PAPER_LABELS)[]).map((k) => ({
              value: k,
              label: PAPER_LABELS[k],
            }))}
          />
        </Form.Item>
        <Form.Item label="参加情况">
          <Radio.Group
            value={taken}
            onChange={(e) => setTaken(e.target.value)}
            options={[
              { value: 'all', label: '全部' },
              { value: 'taken', label: '已参加' },
              { value: 'not_taken', label: '未参加' },
            ]}
          />
        </Form.Item>
        <ExportJobButton kind="exam-progress" params={{ paperType, taken }} label="申请导出" type="primary" />
      </Form>
    </Card>
  );
}
