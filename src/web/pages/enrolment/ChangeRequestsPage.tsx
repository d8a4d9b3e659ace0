import { Button, Card, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { CHANGE_STATE_LABELS, CHANGE_STATES, type ChangeState } from '../../../shared/domain/change';
import type { TChangeRow } from '../../../shared/schemas/enrolment';
import {
  type Decision,
  FilterBar,
  IdNumber,
  PagedTable,
  ReviewDrawer,
  StatusTag,
  useAction,
  useListState,
  useReasonPrompt,
} from '../../components';
import { useChangeDecision, useChangeRequests } from '../../queries/enrolment';
import { ChangeRequestView } from './ChangeRequestView';
import { fmtTime } from './format';

type Path = 'allow' | 'refuse' | 'approve' | 'reject';
/** server action (old and new event names) → the button it offers */
const BUTTONS: Record<string, Decision<Path>> = {
  ALLOW: { key: 'allow', label: '允许修改' },
  REFUSE: { key: 'refuse', label: '不允许修改', danger: true, prompt: { title: '不允许修改的理由' } },
  APPROVE: { key: 'approve', label: '通过' },
  REJECT: { key: 'reject', label: '驳回', danger: true, prompt: { title: '驳回修改的理由' } },
};
const ALIASES: Record<string, string> = {
  REQUEST_APPROVE: 'ALLOW',
  REQUEST_REJECT: 'REFUSE',
  CHANGE_APPROVE: 'APPROVE',
  CHANGE_REJECT: 'REJECT',
};
const decisionsOf = (row: TChangeRow) =>
  row.actions.map((a) => BUTTONS[ALIASES[a] ?? a]).filter((b): b is Decision<Path> => !!b);

/** 医师管理 → 医师信息修改 (卫生机构): 【允许修改】/【不允许修改】, then 【通过】/【驳回】 the changes. */
export function ChangeRequestsPage() {
  const list = useListState<{ state?: ChangeState }>({});
  const rows = useChangeRequests(list.filters.state, list.cursor as number | undefined);
  const decision = useChangeDecision();
  const action = useAction();
  const reason = useReasonPrompt();
  const [view, setView] = useState<TChangeRow | null>(null);
  const run = async (row: TChangeRow, b: Decision<Path>, text?: string) => {
    const why = b.prompt
      ? (text ?? (await reason.ask({ ...b.prompt, title: `${b.prompt.title}（${row.name}）` })))
      : '';
    if (b.prompt && !why) return false;
    const ok = await action(
      () => decision.mutateAsync({ id: row.id, path: b.key, reason: why || undefined }),
      `已${b.label}`,
    );
    if (ok) setView(null);
    return ok;
  };
  return (
    <Card title="医师信息修改">
      <Typography.Paragraph type="secondary">
        已报名医师申请修改信息：先【允许修改】，医师修改提交后再审核修改内容（姓名和证件号码不可修改）。
      </Typography.Paragraph>
      <FilterBar list={list}>
        <Form.Item name="state" label="状态">
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 180 }}
            options={CHANGE_STATES.map((s) => ({ value: s, label: CHANGE_STATE_LABELS[s] }))}
          />
        </Form.Item>
      </FilterBar>
      <PagedTable<TChangeRow>
        list={list}
        rowKey="id"
        loading={rows.isLoading}
        dataSource={rows.data?.items ?? []}
        next={rows.data?.nextCursor ?? null}
        emptyText="暂无医师信息修改申请"
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '证件号码', dataIndex: 'idNumber', render: (v: string) => <IdNumber value={v} /> },
          { title: '申请原因', dataIndex: 'reason' },
          { title: '状态', dataIndex: 'state', render: (s: ChangeState) => <StatusTag kind="change" status={s} /> },
          { title: '申请时间', dataIndex: 'createdAt', render: fmtTime },
          {
            title: '操作',
            key: 'op',
            render: (_, row) => (
              <Space size={0} wrap>
                <Button type="link" onClick={() => setView(row)}>
                  查看
                </Button>
                {decisionsOf(row).map((b) => (
                  <Button key={b.key} type="link" danger={b.danger} onClick={() => run(row, b)}>
                    {b.label}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <ReviewDrawer
        open={!!view}
        title={view ? `医师信息修改：${view.name}` : ''}
        onClose={() => setView(null)}
        decisions={view ? decisionsOf(view) : []}
        onDecide={(key, text) => {
          const b = view && decisionsOf(view).find((x) => x.key === key);
          return view && b ? run(view, b, text) : Promise.resolve(false);
        }}
      >
        {view && <ChangeRequestView row={view} />}
      </ReviewDrawer>
      {reason.node}
    </Card>
  );
}
