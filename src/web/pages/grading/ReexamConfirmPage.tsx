import { Alert, App, Button, Card, Form, Radio, Typography } from 'antd';
import type { TGradingRow } from '../../../shared/schemas/grading';
import { useActor } from '../../app/auth';
import { errorText, FilterBar, KeywordFilter, PagedTable, useAction, useListState } from '../../components';
import { useReexamCandidates, useReexamConfirm } from '../../queries/grading';
import { gradingColumns } from './columns';
import { useConfirmMessage } from './useConfirmMessage';

/**
 * 确认再次考核名单: the province confirms (【确认】【一键确认】, physicians get a message); other
 * administrations read the list of their jurisdiction (seed 003: 其他卫生行政机构可以查询名单).
 */
export function ReexamConfirmPage() {
  const me = useActor();
  const province = me.adminLevel === 'province';
  const { modal } = App.useApp();
  const list = useListState<{ confirmed: '0' | '1'; keyword?: string }>({ confirmed: '0' });
  const q = useReexamCandidates(list.filters.confirmed, list.filters.keyword, list.cursor as number | undefined);
  const confirm = useReexamConfirm();
  const action = useAction();
  const done = useConfirmMessage();
  const total = q.data?.total ?? 0;
  const confirmAll = () =>
    modal.confirm({
      title: '一键确认',
      content: `确认将全部 ${total} 名测评不合格的医师列入再次考核名单？医师将收到站内消息和短信通知。`,
      okText: '确定',
      cancelText: '取消',
      onOk: () => action(() => confirm.mutateAsync({ all: true }), done),
    });
  return (
    <Card title="确认再次考核名单">
      {!province && (
        <Typography.Paragraph type="secondary">
          再次考核名单由省级卫生行政部门确认；此处可查询本辖区的名单。
        </Typography.Paragraph>
      )}
      <FilterBar
        list={list}
        extra={
          province &&
          list.filters.confirmed === '0' && (
            <Button type="primary" danger disabled={!total} onClick={confirmAll}>
              一键确认
            </Button>
          )
        }
      >
        <Form.Item name="confirmed">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: '0', label: '待确认' },
              { value: '1', label: '已确认' },
            ]}
          />
        </Form.Item>
        <KeywordFilter />
      </FilterBar>
      {q.error && <Alert type="error" showIcon message={errorText(q.error)} style={{ marginBottom: 12 }} />}
      <PagedTable<TGradingRow>
        list={list}
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        total={total}
        next={q.data?.nextAfter ?? null}
        emptyText={list.filters.confirmed === '0' ? '暂无待确认的医师' : '暂无已确认的医师'}
        columns={[
          ...gradingColumns(false),
          ...(province
            ? [
                {
                  title: '操作',
                  render: (_: unknown, r: TGradingRow) =>
                    r.actions.includes('CONFIRM_REEXAM') ? (
                      <Button type="link" onClick={() => action(() => confirm.mutateAsync({ ids: [r.id] }), done)}>
                        确认
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
