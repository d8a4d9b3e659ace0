import { Alert, Modal } from 'antd';

/** 确认交卷: answered / unanswered / marked counts and what is still to be sent. */
export function SubmitDialog(props: {
  open: boolean;
  submitting: boolean;
  answered: number;
  total: number;
  markedCount: number;
  unsentCount: number;
  onOk: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal
      open={props.open}
      title="确认交卷"
      okText="交卷"
      cancelText="继续答题"
      okButtonProps={{ danger: true }}
      confirmLoading={props.submitting}
      onOk={props.onOk}
      onCancel={props.onCancel}
    >
      <p>
        已答 {props.answered} 题，未答 <b>{props.total - props.answered}</b> 题，标记 {props.markedCount} 题。
      </p>
      {props.unsentCount > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={`还有 ${props.unsentCount} 题的答案尚未保存到服务器，交卷前将先发送。`}
        />
      )}
      <p>交卷后不能再修改答案，确定交卷吗？</p>
    </Modal>
  );
}
