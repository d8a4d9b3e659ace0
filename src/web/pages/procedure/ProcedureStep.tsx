import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Radio, Space, Spin, Tag, Typography } from 'antd';
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { api } from '../../api/client';
import {
  PROOF_MAX_BYTES,
  type TConditionHint,
  type TProcedureDraft,
  type TProcedureState,
} from '../../../shared/schemas/procedure';
import { ProcedureSimpleFields } from './ProcedureSimpleFields';

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

type Procedure = 'general' | 'simple';

/** What the registration wizard asks of step 5 on 【上一步】/【确认信息】/【保存】. */
export interface ProcedureStepHandle {
  isDirty(): boolean;
  /** saves the current choice as a draft (completeness is checked on 【提交信息】) */
  save(quiet?: boolean): Promise<boolean>;
  /** flags what is still empty; true when complete */
  validate(): boolean;
}

const NO_MISSING = { procedure: false, conditions: false, proofs: false, report: false };

/**
 * Registration step 5 — 考核程序: 一般程序 or 简易程序 (conditions, proofs, 述职报告).
 * In the wizard (`embedded`) the wizard's buttons save it; on /doctor/procedure it has its own.
 */
export function ProcedureStep({
  enrolmentId,
  onSaved,
  embedded = false,
  ref,
}: {
  enrolmentId: number;
  onSaved?: (s: TProcedureState) => void;
  embedded?: boolean;
  ref?: Ref<ProcedureStepHandle>;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useProcedureState(enrolmentId);
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [conditions, setConditions] = useState<number[]>([]);
  const [report, setReport] = useState('');
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [missing, setMissing] = useState(NO_MISSING);
  const dirty = useRef(false);

  const s = q.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-seed only when the saved choice changes, not on every refetch
  useEffect(() => {
    if (!s) return;
    setProcedure(s.simpleDisallowed ? 'general' : (s.application.procedure ?? s.procedure));
    setConditions(s.application.conditions);
    setReport(s.application.report);
    dirty.current = false;
  }, [s?.enrolmentId, s?.application.procedure, s?.simpleDisallowed]);

  const touch = () => {
    dirty.current = true;
    setMissing(NO_MISSING);
  };

  async function save(p: Procedure | null, opts: { quiet?: boolean; strict?: boolean } = {}): Promise<boolean> {
    if (!s?.editable || !p) return true;
    setSaving(true);
    try {
      if (opts.strict && p === 'simple') {
        if (!conditions.length) throw new Error('申请简易程序须至少勾选一项条件');
        if (!s.proofs.length) throw new Error('申请简易程序须上传证明材料');
        if (!report.trim()) throw new Error('申请简易程序须填写述职报告');
      }
      const body: TProcedureDraft = {
        procedure: p,
        conditions: p === 'simple' ? conditions : [],
        proofFileIds: p === 'simple' ? s.proofs.map((f) => f.id) : [],
        report: p === 'simple' ? report : '',
      };
      const next = await api.put<TProcedureState>(`/api/enrolments/${enrolmentId}/procedure-application`, body);
      qc.setQueryData(procedureKey(enrolmentId), next);
      dirty.current = false;
      setProcedure(p);
      if (!opts.quiet) message.success(p === 'simple' ? '已保存简易程序申请' : '已选择一般程序');
      onSaved?.(next);
      return true;
    } catch (e) {
      message.error((e as Error).message);
      return false;
    } finally {
      setSaving(false);
    }
  }

  useImperativeHandle(ref, () => ({
    isDirty: () => dirty.current || Boolean(s && procedure && procedure !== s.application.procedure),
    save: (quiet = true) => save(procedure, { quiet }),
    validate: () => {
      if (!s?.editable) return true;
      const m = {
        procedure: !procedure,
        conditions: procedure === 'simple' && !conditions.length,
        proofs: procedure === 'simple' && !s.proofs.length,
        report: procedure === 'simple' && !report.trim(),
      };
      setMissing(m);
      return !Object.values(m).some(Boolean);
    },
  }));

  if (q.isLoading || !s) return <Spin />;
  const editable = s.editable;

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
      dirty.current = true;
      setMissing(NO_MISSING);
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
      dirty.current = true;
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
      <Typography.Paragraph strong id="dk-procedure-label" style={{ marginBottom: 8 }}>
        * 请依据以上条件，选择符合的考核程序：
      </Typography.Paragraph>
      <Radio.Group
        aria-labelledby="dk-procedure-label"
        value={procedure}
        disabled={!editable}
        onChange={(e) => {
          setProcedure(e.target.value);
          touch();
        }}
        optionType="button"
        buttonStyle="solid"
        style={{ marginBottom: 8 }}
        options={[
          { value: 'general', label: '一般程序' },
          { value: 'simple', label: '简易程序', disabled: s.simpleDisallowed },
        ]}
      />
      {missing.procedure && (
        <div role="alert" style={{ color: '#ff4d4f', marginBottom: 8 }}>
          请选择考核程序
        </div>
      )}
      <div style={{ marginTop: 8 }}>
        {procedure === 'simple' && (
          <ProcedureSimpleFields
            s={s}
            enrolmentId={enrolmentId}
            editable={editable}
            conditions={conditions}
            onConditions={(v) => {
              setConditions(v);
              touch();
            }}
            report={report}
            onReport={(v) => {
              setReport(v);
              touch();
            }}
            uploading={uploading}
            onUpload={(f) => void upload(f)}
            onRemove={(id) => void remove(id)}
            missing={missing}
          />
        )}
        {procedure === 'general' && (
          <Typography.Paragraph>
            一般程序：由卫生机构评定工作成绩、职业道德，参加人文医学测评和业务水平测评。
          </Typography.Paragraph>
        )}
        {editable && !embedded && procedure === 'simple' && (
          <Space wrap style={{ marginTop: 16 }}>
            <Button type="primary" loading={saving} onClick={() => save('simple', { strict: true })}>
              申请简易程序
            </Button>
            <Button loading={saving} onClick={() => save('general')}>
              不符合以上条件，执行一般程序
            </Button>
          </Space>
        )}
        {editable && !embedded && procedure === 'general' && (
          <Button type="primary" loading={saving} onClick={() => save('general')}>
            保存
          </Button>
        )}
      </div>
    </div>
  );
}
