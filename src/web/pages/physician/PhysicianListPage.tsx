import { Alert, App, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ENROLMENT_STATUS_LABELS, ENROLMENT_STATUSES } from '../../../shared/enrolment-status';
import { PHYSICIAN_LEVELS, PRACTICE_CATEGORIES, type TPhysicianRow } from '../../../shared/schemas/physician';
import { errorText, FilterBar, PagedTable, useAction, useListState } from '../../components';
import { type PhysicianFilters, useEnrolPhysicians, usePhysicians } from '../../queries/physician';
import { ExportJobButton } from '../../components/ExportJobButton';
import { PhysicianDetailModal } from './PhysicianDetailModal';
import { PhysicianRowActions } from './PhysicianRowActions';
import { InstitutionSelect, TransferModal } from './TransferModal';

const STATUS_COLORS: Partial<Record<string, string>> = {
  not_opened: 'default',
  opened: 'blue',
  institution_rejected: 'orange',
  registered: 'green',
  passed: 'green',
  failed: 'red',
  disciplinary_failed: 'red',
  withdrawn: 'default',
};
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/**
 * 医师信息列表 (卫生机构: 【参加考核】【取消参加考核】【查看】【密码重置】【导出】) and
 * 医师管理 (卫生行政机构: 【查询】【查看】【变更卫生机构】【导出】). 证件号码 masked in the list.
 */
export function PhysicianListPage({ mode }: { mode: 'institution' | 'admin' }) {
  const list = useListState<PhysicianFilters>({});
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [moving, setMoving] = useState<TPhysicianRow | null>(null);
  const { message } = App.useApp();
  const act = useAction();
  const q = usePhysicians({ ...list.filters, cursor: list.cursor as string | undefined });
  const enrol = useEnrolPhysicians();
  const rows = q.data?.items ?? [];
  const run = async (op: 'open' | 'cancel', ids: number[]) => {
    const label = op === 'open' ? '参加考核' : '取消参加考核';
    if (
      await act(
        () => enrol.mutateAsync({ op, ids }),
        (r) => `${label}：已处理 ${r.done} 名医师`,
      )
    )
      setSelected([]);
  };
  const batch = (op: 'open' | 'cancel') => {
    const ids = rows.filter((r) => selected.includes(r.id) && r.actions.includes(op)).map((r) => r.id);
    if (ids.length) return run(op, ids);
    message.warning(
      op === 'open' ? '所选医师中没有可参加考核的（须为“未开通报名”）' : '所选医师中没有可取消参加考核的',
    );
  };
  const columns: ColumnsType<TPhysicianRow> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '证件号码', dataIndex: 'idNumberMasked' },
    { title: '性别', dataIndex: 'gender', width: 60 },
    { title: '医师级别', dataIndex: 'level' },
    { title: '执业类别', dataIndex: 'practiceCategory' },
    { title: '职称', dataIndex: 'title' },
    ...(mode === 'admin' ? [{ title: '所在卫生机构', dataIndex: 'institutionName' } as const] : []),
    {
      title: '考核状态',
      dataIndex: 'enrolmentStatusLabel',
      render: (_: unknown, r: TPhysicianRow) => (
        <Tag color={STATUS_COLORS[r.enrolmentStatus] ?? 'processing'}>{r.enrolmentStatusLabel}</Tag>
      ),
    },
    {
      title: '操作',
      render: (_: unknown, r: TPhysicianRow) => (
        <PhysicianRowActions
          r={r}
          mode={mode}
          onView={() => setViewing(r.id)}
          onEnrol={(op) => run(op, [r.id])}
          onTransfer={() => setMoving(r)}
        />
      ),
    },
  ];
  return (
    <Card title={mode === 'institution' ? '医师信息列表' : '医师管理'}>
      <FilterBar list={list} extra={<ExportJobButton kind="physicians" params={list.filters} />}>
        <Form.Item name="name" label="姓名">
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="idNumber" label="证件号码">
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="practiceCategory" label="执业类别">
          <Select allowClear style={{ width: 110 }} options={options(PRACTICE_CATEGORIES)} />
        </Form.Item>
        <Form.Item name="level" label="医师级别">
          <Select allowClear style={{ width: 140 }} options={options(PHYSICIAN_LEVELS)} />
        </Form.Item>
        {mode === 'admin' && (
          <Form.Item name="institutionId" label="所在卫生机构">
            <InstitutionSelect />
          </Form.Item>
        )}
        <Form.Item name="status" label="考核状态">
          <Select
            allowClear
            style={{ width: 160 }}
            options={ENROLMENT_STATUSES.map((s) => ({ value: s, label: ENROLMENT_STATUS_LABELS[s] }))}
          />
        </Form.Item>
      </FilterBar>
      {mode === 'institution' && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" disabled={!selected.length} loading={enrol.isPending} onClick={() => batch('open')}>
            批量参加考核
          </Button>
          <Button danger disabled={!selected.length} loading={enrol.isPending} onClick={() => batch('cancel')}>
            批量取消参加考核
          </Button>
          <Typography.Text type="secondary">已选 {selected.length} 名</Typography.Text>
        </Space>
      )}
      {q.error && <Alert type="error" message={errorText(q.error)} style={{ marginBottom: 12 }} />}
      <PagedTable<TPhysicianRow>
        list={list}
        next={q.data?.nextCursor ?? null}
        rowKey="id"
        loading={q.isFetching}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        rowSelection={
          mode === 'institution'
            ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) }
            : undefined
        }
      />
      <PhysicianDetailModal id={viewing} onClose={() => setViewing(null)} />
      {moving && <TransferModal row={moving} onClose={() => setMoving(null)} />}
    </Card>
  );
}
