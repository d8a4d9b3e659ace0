import { Alert, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TPhysicianRow } from '../../../shared/schemas/physician';
import { useAction } from '../../components';
import { useInstitutionOptions, useTransfer } from '../../queries/physician';

export const TRANSFER_RULE =
  '已参加本周期考核的医师须先驳回、退出当前考核周期后才能变更；跨区/县变更由市级卫生行政机构操作，跨地市变更由省级卫生行政机构操作。';

/** 【变更卫生机构】 (mounted while open): search the target institution, optional reason. */
export function TransferModal({ row, onClose }: { row: TPhysicianRow; onClose: () => void }) {
  const [keyword, setKeyword] = useState('');
  const [target, setTarget] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const act = useAction();
  const targets = useInstitutionOptions(keyword);
  const transfer = useTransfer();
  const submit = async () => {
    if (!target) return;
    const ok = await act(
      () => transfer.mutateAsync({ id: row.id, institutionId: target, reason: reason || undefined }),
      '已变更卫生机构',
    );
    if (ok) onClose();
  };
  return (
    <Modal
      open
      title="变更卫生机构"
      onCancel={onClose}
      okText="确认变更"
      okButtonProps={{ disabled: !target, loading: transfer.isPending }}
      onOk={submit}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          医师：{row.name}（{row.idNumberMasked}），当前卫生机构：{row.institutionName}
        </Typography.Text>
        <Alert type="info" showIcon message={TRANSFER_RULE} />
        <Select
          showSearch
          allowClear
          style={{ width: '100%' }}
          placeholder="输入机构名称或账号搜索目标卫生机构"
          filterOption={false}
          onSearch={setKeyword}
          value={target}
          onChange={setTarget}
          loading={targets.isFetching}
          aria-label="目标卫生机构"
          options={(targets.data?.items ?? [])
            .filter((t) => t.id !== row.institutionId)
            .map((t) => ({ value: t.id, label: `${t.name}（${t.code}，${t.parentName}）` }))}
        />
        <Input.TextArea
          placeholder="变更原因（选填）"
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Space>
    </Modal>
  );
}

/** Institutions of the administration's subtree as a filter (searched on the server). */
export function InstitutionSelect(props: { value?: number; onChange?: (v?: number) => void }) {
  const [keyword, setKeyword] = useState('');
  const q = useInstitutionOptions(keyword);
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setKeyword}
      style={{ width: 220 }}
      placeholder="全部"
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      options={(q.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
    />
  );
}
