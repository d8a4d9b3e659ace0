import { Drawer, Spin } from 'antd';
import type { ReactNode } from 'react';
import { type Decision, DecisionForm, type DecisionFormProps } from './DecisionForm';

/**
 * A review: the application's detail in a drawer and, at its foot, the decision form with the
 * decisions the server allows for it (none → read-only). One shape for every review page.
 */
export function ReviewDrawer<K extends string>({
  open,
  title,
  onClose,
  loading,
  children,
  decisions = [],
  width = 920,
  ...form
}: Partial<DecisionFormProps<K>> & {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** the detail is still loading */
  loading?: boolean;
  children?: ReactNode;
  decisions?: Decision<K>[];
  width?: number;
}) {
  const onDecide = form.onDecide;
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      destroyOnHidden
      width={Math.min(width, typeof window === 'undefined' ? width : window.innerWidth)}
      footer={
        decisions.length > 0 && onDecide && !loading ? (
          <DecisionForm decisions={decisions} {...form} onDecide={onDecide} />
        ) : undefined
      }
    >
      {loading ? <Spin /> : children}
    </Drawer>
  );
}
