import { App } from 'antd';
import type { ConfirmResult } from '../../queries/grading';

/** After 【确认】/【批量确认】: a success message, or a dialog listing the records that could not be confirmed. */
export function useConfirmMessage() {
  const { message, modal } = App.useApp();
  return (r: ConfirmResult) => {
    if (r.failed.length === 0) message.success(`已确认 ${r.done} 条`);
    else
      modal.warning({
        title: `已确认 ${r.done} 条，${r.failed.length} 条未能确认`,
        content: r.failed.map((f) => `记录 ${f.id}：${f.message}`).join('\n'),
      });
    return undefined;
  };
}
