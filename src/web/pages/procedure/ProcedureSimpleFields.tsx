import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Image, Input, Space, Typography, Upload } from 'antd';
import {
  PROOF_MAX_FILES,
  REPORT_MAX_CHARS,
  SIMPLE_CONDITIONS,
  type TProcedureState,
} from '../../../shared/schemas/procedure';
import { attachmentUrl, HintTag } from './ProcedureStep';

/** 简易程序: conditions (with what the data says), proofs (3 MB images) and the 述职报告. */
export function ProcedureSimpleFields({
  s,
  enrolmentId,
  editable,
  conditions,
  onConditions,
  report,
  onReport,
  uploading,
  onUpload,
  onRemove,
  missing,
}: {
  s: TProcedureState;
  enrolmentId: number;
  editable: boolean;
  conditions: number[];
  onConditions: (v: number[]) => void;
  report: string;
  onReport: (v: string) => void;
  uploading: boolean;
  onUpload: (f: File) => void;
  onRemove: (fileId: string) => void;
  /** flagged on 【确认信息】: which parts are still empty */
  missing: { conditions: boolean; proofs: boolean; report: boolean };
}) {
  const err = (on: boolean, text: string) =>
    on ? (
      <div role="alert" style={{ color: '#ff4d4f', marginTop: 4 }}>
        {text}
      </div>
    ) : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 'inherit', fontWeight: 600, marginBottom: 8 }}>
          * 符合以下条件之一的，可申请简易程序（请勾选）：
        </legend>
        <Checkbox.Group
          value={conditions}
          disabled={!editable}
          onChange={(v) => onConditions(v as number[])}
          style={{ display: 'block' }}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            {SIMPLE_CONDITIONS.map((c) => {
              const hint = s.hints.find((h) => h.id === c.id);
              return (
                <div key={c.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}>
                  <Checkbox value={c.id}>
                    （{c.id}）{c.label}
                  </Checkbox>
                  {hint && (
                    <div style={{ marginLeft: 24 }}>
                      <HintTag hint={hint} />
                      <Typography.Text type="secondary">{hint.basis}</Typography.Text>
                    </div>
                  )}
                </div>
              );
            })}
          </Space>
        </Checkbox.Group>
        {err(missing.conditions, '请至少勾选一项条件')}
      </fieldset>
      <div>
        <Typography.Text strong>* 证明材料</Typography.Text>
        <Typography.Text type="secondary">
          （png/jpg/jpeg 图片，每个不超过 3 MB，最多 {PROOF_MAX_FILES} 个）
        </Typography.Text>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
          <Image.PreviewGroup>
            {s.proofs.map((f) => (
              <div key={f.id} data-testid="proof-item" style={{ position: 'relative', width: 96 }}>
                <Image
                  src={attachmentUrl(enrolmentId, f.id)}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  alt={f.originalName}
                />
                <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {f.originalName}
                </div>
                {editable && (
                  <Button
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除${f.originalName}`}
                    onClick={() => onRemove(f.id)}
                    style={{ position: 'absolute', top: 2, right: 2 }}
                  />
                )}
              </div>
            ))}
          </Image.PreviewGroup>
        </div>
        {editable && s.proofs.length < PROOF_MAX_FILES && (
          <Upload
            accept=".png,.jpg,.jpeg"
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              onUpload(file as unknown as File);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} style={{ marginTop: 8 }}>
              上传证明材料
            </Button>
          </Upload>
        )}
        {err(missing.proofs, '请上传证明材料')}
      </div>
      <div>
        <label htmlFor="dk-report" style={{ fontWeight: 600 }}>
          * 述职报告
        </label>
        <Input.TextArea
          id="dk-report"
          value={report}
          disabled={!editable}
          onChange={(e) => onReport(e.target.value)}
          maxLength={REPORT_MAX_CHARS}
          showCount={{ formatter: ({ count }) => `${count} / ${REPORT_MAX_CHARS}` }}
          autoSize={{ minRows: 6, maxRows: 16 }}
          placeholder="请填写本考核周期内的述职报告（不超过 2000 字）"
          style={{ marginTop: 8 }}
        />
        {err(missing.report, '请填写述职报告')}
      </div>
    </Space>
  );
}
