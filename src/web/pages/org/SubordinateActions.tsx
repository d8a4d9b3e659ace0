import { App, Button, Space } from 'antd';
import type { TSubordinate } from '../../../shared/schemas/org';
import { useAction } from '../../components';
import {
  useActivate,
  useApplyPermission,
  useDeleteSubordinate,
  useDeregister,
  useResetOrgPassword,
} from '../../queries/org';
import { BodyRoleButton } from './BodyRoleButton';

/** Asks 【确认】 first, then runs the action with its success message. */
export function useConfirmedAction() {
  const { modal } = App.useApp();
  const act = useAction();
  return (title: string, content: string, run: () => Promise<unknown>, ok: string, after?: () => void) =>
    modal.confirm({
      title,
      content,
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        if (await act(run, ok)) after?.();
      },
    });
}

/** Row buttons of 所辖机构账户管理, exactly those the server lists in `actions`. */
export function SubordinateActions({ r, onEdit }: { r: TSubordinate; onEdit: () => void }) {
  const confirm = useConfirmedAction();
  const act = useAction();
  const activate = useActivate();
  const remove = useDeleteSubordinate();
  const reset = useResetOrgPassword();
  const deregister = useDeregister();
  const permission = useApplyPermission();
  const link = { type: 'link', size: 'small' } as const;
  return (
    <Space size={0} wrap>
      {r.actions.includes('edit') && (
        <Button {...link} onClick={onEdit}>
          修改
        </Button>
      )}
      {r.actions.includes('activate') && (
        <Button
          {...link}
          onClick={() =>
            confirm(
              '激活账号',
              `确认激活“${r.name}”？激活后账号方可登录使用。`,
              () => activate.mutateAsync([r.id]),
              '激活成功',
            )
          }
        >
          激活
        </Button>
      )}
      {r.actions.includes('delete') && (
        <Button
          {...link}
          danger
          onClick={() =>
            confirm(
              '删除账号',
              `确认删除未激活的“${r.name}”？删除后不可恢复。`,
              () => remove.mutateAsync(r.id),
              '删除成功',
            )
          }
        >
          删除
        </Button>
      )}
      {r.actions.includes('resetPassword') && (
        <Button
          {...link}
          onClick={() =>
            confirm(
              '重置密码',
              `确认将“${r.name}”的登录密码重置为初始密码 666666？`,
              () => reset.mutateAsync(r.id),
              '密码已重置为 666666',
            )
          }
        >
          重置密码
        </Button>
      )}
      {r.actions.includes('allowApply') && (
        <Button {...link} onClick={() => act(() => permission.mutateAsync({ ids: [r.id], allow: true }), '已允许申请')}>
          允许
        </Button>
      )}
      {r.actions.includes('disallowApply') && (
        <Button
          {...link}
          onClick={() => act(() => permission.mutateAsync({ ids: [r.id], allow: false }), '已设置为不允许')}
        >
          不允许
        </Button>
      )}
      <BodyRoleButton r={r} />
      {r.actions.includes('deregister') && (
        <Button
          {...link}
          danger
          onClick={() =>
            confirm(
              '注销账号',
              `确认注销“${r.name}”？注销后该账号将无法登录。`,
              () => deregister.mutateAsync(r.id),
              '注销成功',
            )
          }
        >
          注销
        </Button>
      )}
    </Space>
  );
}
