import { Button, Image, Space, Typography } from 'antd';

interface File {
  id: string;
  originalName: string;
}

/** Uploaded images (证明材料, 附件) as previewable thumbnails; `onDelete` adds 【删除】 under each. */
export function Attachments({
  files,
  src,
  onDelete,
  emptyText,
}: {
  files: File[];
  src: (f: File) => string;
  onDelete?: (f: File) => void;
  emptyText?: string;
}) {
  if (!files.length && emptyText) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {files.map((f) => (
          <div key={f.id} style={{ width: 96 }}>
            <Image src={src(f)} width={96} height={96} style={{ objectFit: 'cover' }} alt={f.originalName} />
            {onDelete && (
              <Button size="small" type="link" danger onClick={() => onDelete(f)}>
                删除
              </Button>
            )}
          </div>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
