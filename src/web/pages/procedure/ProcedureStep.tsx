import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Image, Input, Radio, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import {
  PROOF_MAX_BYTES,
  PROOF_MAX_FILES,
  REPORT_MAX_CHARS,
  SIMPLE_CONDITIONS,
  type TConditionHint,
  type TProcedureDraft,
  type TProcedureState,
} from '../../../shared/schemas/procedure';

export const procedureKey = (id: number) => ['procedure', id] as const;

export function useProcedureState(enrolmentId: number) {
  return useQuery({
    queryKey: procedureKey(enrolmentId),
    queryFn: () => api.get<TProcedureState>(`/api/enrolments/${enrolmentId}/procedure`),
  });
}

export function HintTag({ hint }: { hint: TConditionHint }) {
  if (hint.supported === true) return <Tag color="success">数据支持</Tag>;
  if (hint.supported === false) return <Tag color="warning">数据不支持</Tag>;
  return <Tag>待证明材料核实</Tag>;
}

export const attachmentUrl = (enrolmentId: number, fileId: string) =>
  `/api/enrolments/${enrolmentId}/attachments/${fileId}`;

/**
 * Registration step 5 — 考核程序: 一般程序 or 简易程序 (conditions, proofs, 述职报告).
 * Used inside the registration wizard and on /doctor/procedure.
 */
export function ProcedureStep({
  enrolmentId,
  onSaved,
}: {
  enrolmentId: number;
  onSaved?: (s: TProcedureState) => void;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useProcedureState(enrolmentId);
  const [procedure, setProcedure] = useState<'general' | 'simple' | null>(null);
  const [conditions, setConditions] = useState<number[]>([]);
  const [report, setReport] = useState('');
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);

  const s = q.data;
  useEffect(() => {
    if (!s) return;
    setProcedure(s.simpleDisallowed ? 'general' : (s.application.procedure ?? s.procedure));
    setConditions(s.application.conditions);
    setReport(s.application.report);
  }, [s?.enrolmentId, s?.application.procedure, s?.simpleDisallowed]); // eslint-disable-line react-hooks/exhaustive-deps

  if (q.isLoading || !s) return <Spin />;
  const editable = s.editable;

  async function save(p: 'general' | 'simple') {
    if (!s) return;
    setSaving(true);
    try {
      const body: TProcedureDraft = {
        procedure: p,
        conditions: p === 'simple' ? conditions : [],
        proofFileIds: p === 'simple' ? s.proofs.map((f) => f.id) : [],
        report: p === 'simple' ? report : '',
      };
      if (p === 'simple') {
        if (!conditions.length) throw new Error('申请简易程序须至少勾选一项条件');
        if (!s.proofs.length) throw new Error('申请简易程序须上传证明材料');
        if (!report.trim()) throw new Error('申请简易程序须填写述职报告');
      }
      const next = await api.put<TProcedureState>(`/api/enrolments/${enrolmentId}/procedure-application`, body);
      qc.setQueryData(procedureKey(enrolmentId), next);
      setProcedure(p);
      message.success(p === 'simple' ? '已保存简易程序申请' : '已选择一般程序');
      onSaved?.(next);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  async function upload(file: File) {
    if (file.size > PROOF_MAX_BYTES) {
      message.error(`文件「${file.name}」超过 3 MB，请压缩后上传`);
      return;
    }
    setUploading(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      await api.upload(`/api/enrolments/${enrolmentId}/proofs`, fd);
      await q.refetch();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(false);
    }
  }

  async function remove(fileId: string) {
    try {
      await api.delete(`/api/enrolments/${enrolmentId}/proofs/${fileId}`);
      await q.refetch();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  return (
    <div className="procedure-step">
      {s.lastReason && (s.status === 'procedure_rejected' || s.status === 'institution_rejected') && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`驳回理由：${s.lastReason}`} />
      )}
      {s.simpleDisallowed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="考核机构已驳回您的简易程序申请，本周期只能执行一般程序。"
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        执业年限：
        {s.yearsOfPractice === null
          ? '未登记首次注册时间'
          : `满 ${s.yearsOfPractice} 年（按首次注册时间计算至考核周期末）`}
      </Typography.Paragraph>
      <Radio.Group
        value={procedure}
        disabled={!editable}
        onChange={(e) => setProcedure(e.target.value)}
        optionType="button"
        buttonStyle="solid"
        style={{ marginBottom: 16 }}
        options={[
          { value: 'general', label: '一般程序' },
          { value: 'simple', label: '简易程序', disabled: s.simpleDisallowed },
        ]}
      />
      {procedure === 'simple' && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div>
            <Typography.Text strong>符合以下条件之一的，可申请简易程序（请勾选）：</Typography.Text>
            <Checkbox.Group
              value={conditions}
              disabled={!editable}
              onChange={(v) => setConditions(v as number[])}
              style={{ display: 'block', marginTop: 8 }}
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
                        <div style={{ marginLeft: 24, fontSize: 12 }}>
                          <HintTag hint={hint} />
                          <Typography.Text type="secondary">{hint.basis}</Typography.Text>
                        </div>
                      )}
                    </div>
                  );
                })}
              </Space>
            </Checkbox.Group>
          </div>
          <div>
            <Typography.Text strong>证明材料</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
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
                    <div style={{ fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {f.originalName}
                    </div>
                    {editable && (
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除${f.originalName}`}
                        onClick={() => remove(f.id)}
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
                  void upload(file as unknown as File);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={uploading} style={{ marginTop: 8 }}>
                  上传证明材料
                </Button>
              </Upload>
            )}
          </div>
          <div>
            <Typography.Text strong>述职报告</Typography.Text>
            <Input.TextArea
              aria-label="述职报告"
              value={report}
              disabled={!editable}
              onChange={(e) => setReport(e.target.value)}
              maxLength={REPORT_MAX_CHARS}
              showCount={{ formatter: ({ count }) => `${count} / ${REPORT_MAX_CHARS}` }}
              autoSize={{ minRows: 6, maxRows: 16 }}
              placeholder="请填写本考核周期内的述职报告（不超过 2000 字）"
              style={{ marginTop: 8 }}
            />
          </div>
          {editable && (
            <Space wrap style={{ marginTop: 16 }}>
              <Button type="primary" loading={saving} onClick={() => save('simple')}>
                申请简易程序
              </Button>
              <Button loading={saving} onClick={() => save('general')}>
                不符合以上条件，执行一般程序
              </Button>
            </Space>
          )}
        </Space>
      )}
      {procedure === 'general' && (
        <div>
          <Typography.Paragraph>
            一般程序：由卫生机构评定工作成绩、职业道德，参加人文医学测评和业务水平测评。
          </Typography.Paragraph>
          {editable && (
            <Button type="primary" loading={saving} onClick={() => save('general')}>
              保存
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
