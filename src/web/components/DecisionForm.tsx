import { App, Button, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { type ReasonAsk, useReasonPrompt } from './ReasonPrompt';

/** One decision a reviewer may take (a button, or a choice in `choice` mode). */
export interface Decision<K extends string = string> {
  key: K;
  label: string;
  danger?: boolean;
  /** the opinion must be filled for this decision (驳回…) */
  needsOpinion?: boolean;
  /** ask for the reason in a dialog first (its text is passed as the opinion) */
  prompt?: ReasonAsk;
}

export interface DecisionFormProps<K extends string> {
  decisions: Decision<K>[];
  /** carries out the decision; resolve true when done (the form then clears) */
  onDecide: (key: K, opinion: string) => Promise<boolean>;
  /** an opinion box under the detail, e.g. { label: '审核意见' } */
  opinion?: { label: string; placeholder?: string };
  /** pick one decision (同意 / 不同意) and press 【提交】, instead of one button per decision */
  choice?: boolean;
  /** text of the submit button in choice mode */
  submitText?: string;
}

/** The reviewer's part of a review: an opinion and the decision buttons the server allows. */
export function DecisionForm<K extends string>({
  decisions,
  onDecide,
  opinion,
  choice,
  submitText = '提交',
}: DecisionFormProps<K>) {
  const { message } = App.useApp();
  const prompt = useReasonPrompt();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<K | undefined>(choice ? decisions[0]?.key : undefined);
  const [busy, setBusy] = useState<K | null>(null);
  const decide = async (d: Decision<K> | undefined) => {
    if (!d) return;
    let value = text.trim();
    if (d.prompt) {
      const r = await prompt.ask({ danger: d.danger, ...d.prompt });
      if (r === null) return;
      value = r;
    } else if (d.needsOpinion && !value) {
      message.warning(`「${d.label}」须填写理由`);
      return;
    }
    setBusy(d.key);
    try {
      if (await onDecide(d.key, value)) setText('');
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {opinion && <Typography.Text strong>{opinion.label}</Typography.Text>}
      {choice && (
        <Radio.Group
          value={picked}
          onChange={(e) => setPicked(e.target.value)}
          options={decisions.map((d) => ({ value: d.key, label: d.label }))}
        />
      )}
      {opinion && (
        <Input.TextArea
          aria-label={opinion.label}
          placeholder={opinion.placeholder ?? opinion.label}
          rows={3}
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
        {choice ? (
          <Button
            type="primary"
            loading={busy !== null}
            onClick={() => decide(decisions.find((d) => d.key === picked))}
          >
            {submitText}
          </Button>
        ) : (
          decisions.map((d) => (
            <Button
              key={d.key}
              danger={d.danger}
              type={d.danger ? 'default' : 'primary'}
              loading={busy === d.key}
              disabled={busy !== null && busy !== d.key}
              onClick={() => decide(d)}
            >
              {d.label}
            </Button>
          ))
        )}
      </Space>
      {prompt.node}
    </Space>
  );
}
