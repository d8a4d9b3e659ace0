import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import type { TImportResult } from '../../../shared/schemas/bank';
import { download } from '../../api/client';
import { useAction } from '../../components';
import { useImportQuestions } from '../../queries/bank';

/** 导入试题: the whole file is checked first; one bad row imports nothing and every error is listed. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} title="导入试题" onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {open && <ImportForm />}
    </Modal>
  );
}

function ImportForm() {
  const [file, setFile] = useState<UploadFile | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const act = useAction();
  const run = useImportQuestions();
  const start = () =>
    act(
      async () => {
        const r = await run.mutateAsync(file?.originFileObj as File);
        setResult(r);
        return r;
      },
      (r) => (r.status === 'imported' ? `成功导入 ${r.imported} 道试题` : undefined),
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        请使用导入模板填写（.xlsx）。系统先检查全部行：任一行有误则不导入任何试题，并列出每一处错误。
      </Typography.Text>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => act(() => download('/api/bank/template', '试题导入模板.xlsx'))}
        >
          下载导入模板
        </Button>
        <Upload
          accept=".xlsx"
          maxCount={1}
          beforeUpload={() => false}
          fileList={file ? [file] : []}
          onChange={(info) => {
            setFile(info.fileList[0] ?? null);
            setResult(null);
          }}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
        <Button type="primary" disabled={!file} loading={run.isPending} onClick={start}>
          开始导入
        </Button>
      </Space>
      {result?.status === 'imported' && (
        <Alert type="success" showIcon message={`导入成功：共 ${result.total} 行，已导入 ${result.imported} 道试题`} />
      )}
      {result?.status === 'rejected' && (
        <>
          <Alert
            type="error"
            showIcon
            message={`导入失败：共 ${result.total} 行，发现 ${result.errors.length} 处错误，未导入任何试题。请修改后重新导入。`}
            action={
              <Button
                size="small"
                onClick={() =>
                  act(() => download(`/api/bank/imports/${result.importId}/report`, '试题导入错误报告.xlsx'))
                }
              >
                下载错误报告
              </Button>
            }
          />
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            dataSource={result.errors}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '列', dataIndex: 'column', width: 100 },
              { title: '错误说明', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Space>
  );
}
