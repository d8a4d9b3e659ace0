import { Alert, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { PROCTOR_DEFAULTS, type TProctorSettings } from '../../../shared/schemas/proctor';
import { useActor } from '../../app/auth';
import { useAction } from '../../components';
import { useProctorSettings, useSaveProctorSettings } from './queries';

const FIELDS: { name: keyof TProctorSettings; label: string; help: string; min: number; max: number; unit: string }[] =
  [
    {
      name: 'framesPerPaper',
      label: '每份试卷抓拍次数',
      help: '答题过程中随机抓拍，每三分之一至少一次；另在交卷时抓拍一次',
      min: 3,
      max: 30,
      unit: '次',
    },
    {
      name: 'similarityThreshold',
      label: '相似度提示线',
      help: '低于此值的照片在监考管理中显示为红色，仅供核对参考（见校准报告）',
      min: 1,
      max: 99,
      unit: '分',
    },
    {
      name: 'spoofThreshold',
      label: '翻拍判定线',
      help: '活体（防翻拍）得分低于此值的照片标注「疑似翻拍」',
      min: 0,
      max: 99,
      unit: '分',
    },
    { name: 'minFacePx', label: '标准照片最小人脸', help: '标准照片中人脸的最小边长', min: 32, max: 600, unit: '像素' },
    {
      name: 'minBrightness',
      label: '标准照片最低亮度',
      help: '平均亮度（0–255）低于此值视为太暗',
      min: 0,
      max: 200,
      unit: '',
    },
    {
      name: 'retentionDays',
      label: '照片保存天数',
      help: '考核结果确定（本周期最后一个时间段结束）后保存的天数，到期自动删除照片；比对分数与处理记录保留',
      min: 1,
      max: 3650,
      unit: '天',
    },
    {
      name: 'appealDays',
      label: '申诉期限',
      help: '违纪处理后医师可申诉的天数（每次处理可申诉一次）',
      min: 1,
      max: 365,
      unit: '天',
    },
    {
      name: 'lateUploadHours',
      label: '离线补传期限',
      help: '测评结束后仍接收手机离线保存的照片的小时数',
      min: 0,
      max: 168,
      unit: '小时',
    },
  ];

/** 监考设置 (省级卫生行政机构 edits; other administrations read). */
export function SettingsPage() {
  const me = useActor();
  const q = useProctorSettings();
  const save = useSaveProctorSettings();
  const action = useAction();
  const editable = me.role === 'admin' && me.adminLevel === 'province';
  if (!q.data) return <Skeleton active />;
  return (
    <Card title="监考设置">
      {!editable && (
        <Alert
          showIcon
          type="info"
          style={{ marginBottom: 16 }}
          message="监考设置由省级卫生行政机构维护，此处仅供查看。"
        />
      )}
      <Form<TProctorSettings>
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 12 }}
        initialValues={q.data}
        disabled={!editable}
        onFinish={(v) => action(() => save.mutateAsync(v), '监考设置已保存')}
      >
        {FIELDS.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            extra={`${f.help}（默认 ${PROCTOR_DEFAULTS[f.name]}${f.unit}）`}
            rules={[{ required: true, message: `请填写${f.label}` }]}
          >
            <InputNumber min={f.min} max={f.max} precision={0} addonAfter={f.unit || undefined} />
          </Form.Item>
        ))}
        {editable && (
          <Form.Item wrapperCol={{ offset: 6 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          </Form.Item>
        )}
      </Form>
    </Card>
  );
}
