import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import type { Procedure } from '../../../shared/domain/procedure';
import type { TGradingRow } from '../../../shared/schemas/grading';
import { FilterBar, KeywordFilter, PagedTable, useAction, useListState, Withheld } from '../../components';
import { useGradingConfirm, useGradingList } from '../../queries/grading';
import { gradingColumns } from './columns';
import { useConfirmMessage } from './useConfirmMessage';

/**
 * 评定简易程序测评结果 / 评定一般程序成绩结果 (考核机构, round first) and
 * 评定简易程序再次考核 / 评定一般程序再次考核 (卫生行政机构, round reexam): 【确认】【批量确认】.
 */
export function GradingPage({
  round,
  procedure,
  title,
}: {
  round: 'first' | 'reexam';
  procedure: Procedure;
  title: string;
}) {
  const list = useListState<{ keyword?: string }>({});
  const q = useGradingList(round, procedure, list.filters.keyword, list.cursor as number | undefined);
  const confirm = useGradingConfirm(round);
  const action = useAction();
  const done = useConfirmMessage();
  const [selected, setSelected] = useState<number[]>([]);
  const grade = round === 'first' ? 'GRADE' : 'GRADE_REEXAM';
  const run = async (ids: number[]) => {
    if (await action(() => confirm.mutateAsync(ids), done)) setSelected([]);
  };
  return (
    <Card title={title}>
      <Typography.Paragraph type="secondary">
        评定结果依据本省设置的合格分数线自动计算：人文医学、业务水平（一般程序）任一未达标，或工作成绩、职业道德任一不合格，即为不合格。请核对后【确认】。
      </Typography.Paragraph>
      <FilterBar
        list={list}
        extra={
          <Button type="primary" disabled={!selected.length} loading={confirm.isPending} onClick={() => run(selected)}>
            批量确认
          </Button>
        }
      >
        <KeywordFilter />
      </FilterBar>
      <PagedTable<TGradingRow>
        list={list}
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        total={q.data?.total ?? 0}
        next={q.data?.nextAfter ?? null}
        emptyText="暂无待评定的医师"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (r) => ({ disabled: !r.actions.includes(grade) }),
        }}
        columns={[
          ...gradingColumns(),
          {
            title: '操作',
            render: (_, r) =>
              r.actions.includes(grade) ? (
                <Button type="link" onClick={() => run([r.id])}>
                  确认
                </Button>
              ) : (
                <Withheld label="确认" reason={`${r.statusLabel}，不在待评定状态`} />
              ),
          },
        ]}
      />
    </Card>
  );
}
