import { Button, List, Typography } from 'antd';
import type { TMaterial } from '../../../shared/schemas/org';

const sizeOf = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
const materialUrl = (fileId: string) => `/api/org/assessment-application/files/${fileId}`;

/** 申请材料 of an assessment-body application, each with 【查看】 (and 【删除】 while editable). */
export function MaterialList({ materials, onRemove }: { materials: TMaterial[]; onRemove?: (m: TMaterial) => void }) {
  if (!materials.length) return <Typography.Text type="secondary">尚未上传申请材料</Typography.Text>;
  return (
    <List
      size="small"
      bordered
      dataSource={materials}
      renderItem={(m) => (
        <List.Item
          actions={[
            <a key="v" href={materialUrl(m.fileId)} target="_blank" rel="noreferrer">
              查看
            </a>,
            ...(onRemove
              ? [
                  <Button key="d" type="link" size="small" danger onClick={() => onRemove(m)}>
                    删除
                  </Button>,
                ]
              : []),
          ]}
        >
          {m.name}（{sizeOf(m.size)}）
        </List.Item>
      )}
    />
  );
}
