import { App, Button, Space } from 'antd';
import type { TPhysicianRow } from '../../../shared/schemas/physician';
import { useAction, Withheld } from '../../components';
import { useResetPhysicianPassword } from '../../queries/physician';

/** Why 【变更卫生机构】 is withheld for a physician already taking part in the current cycle. */
export const TRANSFER_WITHHELD = '该医师已参加本周期考核，须先驳回、退出当前考核周期后才能变更卫生机构';

/** Row buttons of 医师信息列表 / 医师管理: those the server allows, and 【变更卫生机构】 with its reason when withheld. */
export function PhysicianRowActions({
  r,
  mode,
  onView,
  onEnrol,
  onTransfer,
}: {
  r: TPhysicianRow;
  mode: 'institution' | 'admin';
  onView: () => void;
  onEnrol: (op: 'open' | 'cancel') => void;
  onTransfer: () => void;
}) {
  const { modal } = App.useApp();
  const act = useAction();
  const reset = useResetPhysicianPassword();
  const link = { type: 'link', size: 'small' } as const;
  const confirmReset = () =>
    modal.confirm({
      title: '密码重置',
      content: `确定将 ${r.name} 的定考账号密码重置为初始密码吗？该医师下次登录须修改密码。`,
      onOk: () =>
        act(
          () => reset.mutateAsync(r.id),
          (res) => (res.rule === '666666' ? '密码已重置为初始密码 666666' : '密码已重置为初始密码（证件号码后六位）'),
        ),
    });
  return (
    <Space size={0} wrap>
      {r.actions.includes('view') && (
        <Button {...link} onClick={onView}>
          查看
        </Button>
      )}
      {r.actions.includes('open') && (
        <Button {...link} onClick={() => onEnrol('open')}>
          参加考核
        </Button>
      )}
      {r.actions.includes('cancel') && (
        <Button {...link} danger onClick={() => onEnrol('cancel')}>
          取消参加考核
        </Button>
      )}
      {r.actions.includes('resetPassword') && (
        <Button {...link} onClick={confirmReset}>
          密码重置
        </Button>
      )}
      {r.actions.includes('transfer') ? (
        <Button {...link} onClick={onTransfer}>
          变更卫生机构
        </Button>
      ) : (
        mode === 'admin' && (
          <Withheld size="small" label="变更卫生机构" reason={r.withheld?.transfer ?? TRANSFER_WITHHELD} />
        )
      )}
    </Space>
  );
}
