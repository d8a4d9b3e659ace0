import { Button } from 'antd';
import type { TSubordinate } from '../../../shared/schemas/org';
import { api } from '../../api/client';
import { useOrgMutation } from '../../queries/org';
import { useConfirmedAction } from './SubordinateActions';

/**
 * Seed 003: 行业组织账户可承担考核机构角色功能，由行政机构根据需要进行配置. The administration gives an
 * industry organisation the 考核机构 role (or takes it back) when the server offers it on the row.
 */
export function BodyRoleButton({ r }: { r: TSubordinate }) {
  const confirm = useConfirmedAction();
  const set = useOrgMutation((enabled: boolean) =>
    api.post(`/api/org/subordinates/${r.id}/assessment-body`, { enabled }),
  );
  if (r.actions.includes('grantBody'))
    return (
      <Button
        type="link"
        size="small"
        onClick={() =>
          confirm(
            '设为考核机构',
            `确认由“${r.name}”承担考核机构角色？设置后该机构出现在考核机构列表中，可为其指定卫生机构。`,
            () => set.mutateAsync(true),
            '已设为考核机构',
          )
        }
      >
        设为考核机构
      </Button>
    );
  if (r.actions.includes('revokeBody'))
    return (
      <Button
        type="link"
        size="small"
        danger
        onClick={() =>
          confirm(
            '取消考核机构',
            `确认取消“${r.name}”的考核机构角色？已指定给它的卫生机构须先撤销。`,
            () => set.mutateAsync(false),
            '已取消考核机构角色',
          )
        }
      >
        取消考核机构
      </Button>
    );
  return null;
}
