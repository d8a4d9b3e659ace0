import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Result, Space, Spin, Typography } from 'antd';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { STEP_TITLES } from '../../../../shared/schemas/enrolment';
import { ProcedureStep, type ProcedureStepHandle } from '../../procedure/ProcedureStep';
import { mineKey, useMine } from '../mine';
import { confirmLeave, useLeaveGuard } from '../shell/leave-guard';
import { BasicStep } from './BasicStep';
import { ExperienceStep } from './ExperienceStep';
import { PracticeStep } from './PracticeStep';
import { PreviewStep, procedureText } from './PreviewStep';
import { SelfStep } from './SelfStep';
import { StepHeader } from './StepHeader';
import { SubmittedResult } from './SubmittedResult';
import { fromForm, photoOf, STEP_KEYS, type StepKey, stepSource, toForm, type WizardMode } from './wizard-data';

/**
 * 我要报名 (register: 6 steps, seed 001 §2.2.3) and 医师信息修改 (change: steps 1–4 into the change
 * request, then 【提交】). Moving between steps always saves what was entered (a draft: nothing is
 * lost), 【下一步】 also flags required fields left empty, and leaving with unsaved edits asks first.
 */
export function RegisterWizard({ mode = 'register' }: { mode?: WizardMode }) {
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const mineQ = useMine();
  const [step, setStep] = useState(0);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [photoMissing, setPhotoMissing] = useState(false);
  const dirty = useRef(false);
  const proc = useRef<ProcedureStepHandle>(null);
  const mine = mineQ.data;
  const e = mine?.enrolment;
  const editable = mode === 'change' ? mine?.changeRequest?.state === 'allowed' : Boolean(e?.editable);
  const source = useMemo(() => (mine ? stepSource(mine, mode) : null), [mine, mode]);
  const titles = mode === 'change' ? STEP_TITLES.slice(0, 4) : STEP_TITLES;
  const lastStep = titles.length - 1;
  const key = STEP_KEYS[step] as StepKey | undefined;
  const withProcedure = mine?.cycle?.procedureChoice === 'with_registration';
  const photo = mine ? photoOf(mine, mode) : null;

  // load a step's values once when it is entered (a refetch, e.g. after the photo upload, must not
  // wipe what the user is typing). A layout effect: the values are in the form before the step is
  // painted, so a choice made the moment the step appears is never reset by a late load (CI saw a
  // 民族 picked right after 【我要报名】 wiped by a passive effect that ran after the click).
  const loadedFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!e || !key || !source) return;
    const tag = `${mode}:${e.id}:${key}`;
    if (loadedFor.current === tag) return;
    loadedFor.current = tag;
    form.resetFields();
    form.setFieldsValue(toForm(key, key === 'self' ? source.self : source.registration));
    dirty.current = false;
  }, [e, key, source, form, mode]);

  const saveStep = useCallback(
    async (quiet: boolean): Promise<boolean> => {
      if (!editable) return true;
      if (step === 4 && mode === 'register') return proc.current ? proc.current.save(quiet) : true;
      if (!key) return true;
      setSaving(true);
      try {
        const body = fromForm(key, form.getFieldsValue(true));
        const r = await api.put<typeof mine>(`/api/enrolments/mine/steps/${key}`, body);
        qc.setQueryData(mineKey, r);
        dirty.current = false;
        if (!quiet) message.success('保存成功');
        return true;
      } catch (err) {
        message.error((err as Error).message);
        return false;
      } finally {
        setSaving(false);
      }
    },
    [editable, step, mode, key, form, qc, message],
  );
  const guard = useMemo(
    () => ({ dirty: () => dirty.current || Boolean(proc.current?.isDirty()), save: () => saveStep(true) }),
    [saveStep],
  );
  useLeaveGuard(editable ? guard : null);

  if (mineQ.isLoading) return <Spin />;
  if (mineQ.error) return <Alert type="error" message={(mineQ.error as Error).message} />;
  if (!e || !mine || e.status === 'not_opened') {
    return (
      <Result
        status="info"
        title="未开通报名"
        subTitle="所在医疗卫生机构尚未允许您参加本周期考核，如需参加请联系单位定考负责人处理。"
        extra={<Button onClick={() => nav('/doctor')}>返回</Button>}
      />
    );
  }
  if (done) {
    return (
      <SubmittedResult
        mine={mine}
        mode={mode}
        onView={() => {
          setDone(false);
          setStep(lastStep);
        }}
        onHome={() => nav('/doctor')}
      />
    );
  }

  /** Required fields of this step: flagged in place; false keeps the user on the step. */
  const complete = async (): Promise<boolean> => {
    if (!editable) return true;
    if (step === 4 && mode === 'register') return proc.current ? proc.current.validate() : true;
    if (!key) return true;
    const photoOk = key !== 'basic' || Boolean(photo);
    setPhotoMissing(!photoOk);
    try {
      await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      message.warning('还有必填项未填写，已用红色标出');
      return false;
    }
    if (!photoOk) {
      message.warning('请上传照片');
      return false;
    }
    return true;
  };
  const go = async (to: number) => {
    if (!(await saveStep(true))) return;
    if (to > step && !(await complete())) return;
    setStep(to);
    window.scrollTo(0, 0);
  };
  const submit = async () => {
    if (mode === 'change' && !((await saveStep(true)) && (await complete()))) return;
    setSaving(true);
    try {
      await api.post(mode === 'change' ? '/api/enrolments/mine/change-requests/submit' : '/api/enrolments/mine/submit');
      await qc.invalidateQueries({ queryKey: mineKey });
      setDone(true);
      window.scrollTo(0, 0);
    } catch (err) {
      const msg = (err as Error).message;
      message.error(msg);
      const at = /第(\d)步/.exec(msg);
      if (at) setStep(Number(at[1]) - 1);
    } finally {
      setSaving(false);
    }
  };
  const back = async () => {
    if (await confirmLeave()) nav('/doctor');
  };

  const isProcedureStep = mode === 'register' && step === 4;
  return (
    <div>
      <Card style={{ marginBottom: 12 }} styles={{ body: { padding: 12 } }}>
        <StepHeader titles={titles} step={step} onGo={(s) => void (editable ? go(s) : setStep(s))} />
      </Card>
      {!editable && mode === 'register' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`考核状态：${e.statusLabel}`}
          description="报名信息已提交，当前只能查看；报名成功后如需修改，请在首页【申请修改】。"
        />
      )}
      {e.status === 'institution_rejected' && e.lastReason && mode === 'register' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`卫生机构驳回理由：${e.lastReason}`} />
      )}
      <Card title={titles[step]}>
        {key && (
          <Form
            form={form}
            layout="vertical"
            disabled={!editable}
            requiredMark
            onValuesChange={() => {
              dirty.current = true;
            }}
          >
            {key === 'basic' && (
              <BasicStep
                mine={mine}
                photo={photo}
                photoMissing={photoMissing}
                editable={editable}
                onPhoto={() => qc.invalidateQueries({ queryKey: mineKey })}
              />
            )}
            {key === 'practice' && <PracticeStep mine={mine} form={form} />}
            {key === 'experience' && <ExperienceStep />}
            {key === 'self' && <SelfStep form={form} />}
          </Form>
        )}
        {isProcedureStep &&
          (withProcedure ? (
            editable ? (
              <ProcedureStep
                ref={proc}
                embedded
                enrolmentId={e.id}
                onSaved={() => qc.invalidateQueries({ queryKey: mineKey })}
              />
            ) : (
              <Typography.Text>考核程序：{procedureText(mine)}</Typography.Text>
            )
          ) : (
            <Alert
              type="info"
              showIcon
              message="本省考核程序在报名审核通过后选择"
              description="报名成功后，请在首页点击【选择考核程序】申请一般程序或简易程序。"
            />
          ))}
        {mode === 'register' && step === 5 && <PreviewStep mine={mine} photoUrl={photo?.url ?? null} />}
      </Card>
      <div style={{ position: 'sticky', bottom: 0, background: '#f5f7fa', padding: '10px 0', marginTop: 12 }}>
        <Space wrap>
          <Button onClick={back}>返回</Button>
          {step > 0 && (
            <Button onClick={() => (editable ? go(step - 1) : setStep(step - 1))} loading={saving}>
              上一步
            </Button>
          )}
          {editable && (key || (isProcedureStep && withProcedure)) && (
            <Button onClick={() => saveStep(false)} loading={saving}>
              保存
            </Button>
          )}
          {step < lastStep && (
            <Button type="primary" onClick={() => (editable ? go(step + 1) : setStep(step + 1))} loading={saving}>
              {isProcedureStep ? '确认信息' : '下一步'}
            </Button>
          )}
          {editable && step === lastStep && (
            <Button type="primary" onClick={submit} loading={saving}>
              {mode === 'change' ? '提交' : '提交信息'}
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}
