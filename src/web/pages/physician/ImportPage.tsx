import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { TImportResult } from '../../../shared/schemas/physician';
import { download } from '../../api/client';
import { useAction } from '../../components';
import { useImport } from '../../queries/physician';

/** 医师导入 / 机构导入: 【下载模板】, choose .xlsx/.csv, 【导入】; errors shown row by row. */
export function ImportPage({ kind }: { kind: 'physicians' | 'institutions' }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const act = useAction();
  const importer = useImport(kind);
  const title = kind === 'physicians' ? '医师导入' : '机构导入';
  const run = async () => {
    if (!file) return;
    setResult(null);
    await act(
      async () => {
        const r = await importer.mutateAsync(file);
        setResult(r);
        return r;
      },
      (r) => (r.ok ? `导入成功：共 ${r.imported} 条` : undefined),
    );
  };
  return (
    <Card title={title}>
      <Typography.Paragraph type="secondary">
        {kind === 'physicians'
          ? '从医师电子化注册系统导出的医师信息，按模板整理后导入。导入的医师账号初始密码按本省规则设置，首次登录须修改密码并绑定手机号。'
          : '导入本机构或下级卫生行政机构所辖的卫生机构账号；导入后为“未激活”状态，初始密码 666666。'}
        支持 .xlsx 或 UTF-8 编码的 .csv，不超过 50 MB；任一行有误时整个文件都不会导入。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button onClick={() => act(() => download(`/api/imports/templates/${kind}`, `${title}模板.xlsx`))}>
          下载模板
        </Button>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button>选择文件</Button>
        </Upload>
        <Button type="primary" disabled={!file} loading={importer.isPending} onClick={run}>
          导入
        </Button>
      </Space>
      {result?.ok && (
        <Alert type="success" showIcon message={`导入成功：共读取 ${result.total} 行，导入 ${result.imported} 条`} />
      )}
      {result && !result.ok && <ImportErrors result={result} />}
    </Card>
  );
}

function ImportErrors({ result }: { result: TImportResult }) {
  const act = useAction();
  return (
    <>
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        message={`校验未通过：共 ${result.total} 行，发现 ${result.errorCount} 处错误，本次未导入任何数据。请修改后重新上传。`}
        action={
          result.reportId && (
            <Button
              size="small"
              onClick={() => act(() => download(`/api/imports/reports/${result.reportId}`, '导入错误报告.xlsx'))}
            >
              下载错误报告
            </Button>
          )
        }
      />
      <Table
        rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
        size="small"
        dataSource={result.errors}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: '行号', dataIndex: 'row', width: 80 },
          { title: '列', dataIndex: 'column', width: 140 },
          { title: '错误说明', dataIndex: 'message' },
        ]}
      />
      {result.errorCount > result.errors.length && (
        <Typography.Text type="secondary">
          仅显示前 {result.errors.length} 处错误，完整列表请下载错误报告。
        </Typography.Text>
      )}
    </>
  );
}
