import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useAction } from './useAction';

/** 【上传…】 for png/jpg/jpeg images: each chosen file is sent through `upload` as multipart, then `onDone`. */
export function UploadImages({
  label,
  upload,
  onDone,
}: {
  label: string;
  upload: (form: FormData) => Promise<unknown>;
  onDone: () => void;
}) {
  const action = useAction();
  return (
    <Upload
      accept=".png,.jpg,.jpeg"
      multiple
      showUploadList={false}
      beforeUpload={(file) => {
        const fd = new FormData();
        fd.append('file', file as unknown as File, file.name);
        void action(() => upload(fd)).then((ok) => ok && onDone());
        return false;
      }}
    >
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  );
}
