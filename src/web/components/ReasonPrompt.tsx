import { Input, Modal, Typography } from 'antd';
import { type ReactNode, useState } from 'react';

export interface ReasonAsk {
  title: string;
  /** shown above the text box (what happens after, extra choices) */
  content?: ReactNode;
  okText?: string;
  danger?: boolean;
  /** the text box's accessible name, e.g. 驳回理由 */
  label?: string;
}

/** A dialog asking for a reason (驳回 etc.): `ask()` resolves with the trimmed text, or null when cancelled. */
export function useReasonPrompt() {
  const [state, setState] = useState<(ReasonAsk & { resolve: (v: string | null) => void }) | null>(null);
  const [reason, setReason] = useState('');
  const ask = (a: ReasonAsk | string) =>
    new Promise<string | null>((resolve) => {
      setReason('');
      setState({ ...(typeof a === 'string' ? { title: a } : a), resolve });
    });
  const close = (v: string | null) => {
    state?.resolve(v);
    setState(null);
  };
  const node = (
    <Modal
      open={!!state}
      title={state?.title}
      okText={state?.okText ?? '确定'}
      cancelText="取消"
      okButtonProps={{ disabled: !reason.trim(), danger: state?.danger }}
      onOk={() => close(reason.trim())}
      onCancel={() => close(null)}
    >
      {typeof state?.content === 'string' ? (
        <Typography.Paragraph>{state.content}</Typography.Paragraph>
      ) : (
        state?.content
      )}
      <Input.TextArea
        rows={4}
        maxLength={500}
        showCount
        placeholder={`请填写${state?.label ?? '理由'}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label={state?.label ?? '理由'}
        style={{ marginTop: 8 }}
      />
    </Modal>
  );
  return { ask, node };
}
