import { Button, Modal } from 'antd';
import { useEffect } from 'react';

/**
 * 【返回】 and the physician menu warn before throwing away unsaved edits. A page with unsaved
 * edits registers `save`; leaving asks 保存并离开 / 不保存 / 继续填写.
 */
type Guard = { dirty: () => boolean; save: () => Promise<boolean> };
let current: Guard | null = null;

export function useLeaveGuard(guard: Guard | null): void {
  useEffect(() => {
    current = guard;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (guard?.dirty()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      if (current === guard) current = null;
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [guard]);
}

/** Resolves true when it is fine to leave (nothing unsaved, saved, or the user chose 不保存). */
export function confirmLeave(): Promise<boolean> {
  const g = current;
  if (!g?.dirty()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const m = Modal.confirm({
      title: '有未保存的修改',
      content: '您填写的内容还没有保存。离开前要保存吗？',
      okText: '保存并离开',
      cancelText: '继续填写',
      closable: true,
      onOk: async () => resolve(await g.save()),
      onCancel: () => resolve(false),
      footer: (_, { OkBtn, CancelBtn }) => (
        <>
          <CancelBtn />
          <Button
            danger
            onClick={() => {
              m.destroy();
              resolve(true);
            }}
          >
            不保存
          </Button>
          <OkBtn />
        </>
      ),
    });
  });
}
