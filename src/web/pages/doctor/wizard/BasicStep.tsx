import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Radio, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { EDUCATIONS, ETHNICITIES, type TMine } from '../../../../shared/schemas/enrolment';
import { checkPhotoOnDevice } from '../../proctor/photo-check';
import { FMT } from './wizard-data';

/** Step 1 基本信息 (seed 001 §2.2.3 (1)): 姓名/证件 from the registry, the rest editable, and the 照片. */
export function BasicStep({
  mine,
  photo,
  photoMissing,
  onPhoto,
  editable,
}: {
  mine: TMine;
  photo: { url: string } | null;
  photoMissing: boolean;
  onPhoto: () => void;
  editable: boolean;
}) {
  const { message } = App.useApp();
  const [photoError, setPhotoError] = useState<string | null>(null);
  const p = mine.prefill;
  return (
    <>
      <Form.Item label="姓名" required htmlFor="dk-name">
        <Input id="dk-name" value={p.name} disabled />
      </Form.Item>
      <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
        <Radio.Group options={['男', '女']} />
      </Form.Item>
      <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
        <Select showSearch placeholder="请选择" options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
      </Form.Item>
      <Form.Item name="birthDate" label="出生年月" rules={[{ required: true, message: '请选择出生年月' }]}>
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item label="证件类型" required htmlFor="dk-id-type">
        <Input id="dk-id-type" value={p.idType === '居民身份证' ? '身份证' : p.idType} disabled />
      </Form.Item>
      <Form.Item
        label="证件编号"
        required
        htmlFor="dk-id-number"
        extra="证件编号来源于电子化注册系统，此处不可编辑/修改"
      >
        <Input id="dk-id-number" value={p.idNumber} disabled />
      </Form.Item>
      <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
        <Select placeholder="请选择" options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
      </Form.Item>
      <Form.Item
        name="email"
        label="电子邮件"
        rules={[
          { required: true, message: '请输入电子邮箱' },
          { type: 'email', message: '电子邮件格式不正确' },
        ]}
      >
        <Input placeholder="请输入电子邮箱" inputMode="email" />
      </Form.Item>
      <Form.Item
        name="mobile"
        label="手机号"
        rules={[
          { required: true, message: '请输入手机号' },
          { pattern: /^1[3-9]\d{9}$/, message: '请输入11位手机号' },
        ]}
      >
        <Input placeholder="请输入手机号" inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item
        label="照片"
        required
        htmlFor="dk-photo"
        validateStatus={photoMissing && !photo ? 'error' : undefined}
        help={photoMissing && !photo ? '请上传照片' : undefined}
        extra="1寸免冠证件照，建议白色底，jpg 格式，不超过 2 MB；用于打印考核结果通知书及测评人脸比对，请使用近期照片"
      >
        <Space align="start" wrap>
          {photo && <img src={photo.url} alt="照片" style={{ width: 90, border: '1px solid #eee' }} />}
          {editable && (
            <Upload
              id="dk-photo"
              accept=".jpg,.jpeg,image/jpeg"
              showUploadList={false}
              customRequest={async ({ file, onSuccess, onError }) => {
                setPhotoError(null);
                // 监考's on-device check (one face, light enough) before spending an upload
                const problem = await checkPhotoOnDevice(file as File);
                if (problem) {
                  setPhotoError(problem);
                  onError?.(new Error(problem));
                  return;
                }
                const fd = new FormData();
                fd.append('file', file as Blob);
                try {
                  const r = await api.upload<{ fileId: string }>('/api/enrolments/mine/photo', fd);
                  onPhoto();
                  message.success('照片已上传');
                  onSuccess?.(r);
                } catch (e) {
                  setPhotoError((e as Error).message);
                  onError?.(e as Error);
                }
              }}
            >
              <Button icon={<UploadOutlined />}>{photo ? '更换照片' : '照片上传'}</Button>
            </Upload>
          )}
        </Space>
        {photoError && <Alert style={{ marginTop: 8 }} type="error" showIcon message={photoError} />}
      </Form.Item>
      <Typography.Text type="secondary">带 * 号为必填项</Typography.Text>
    </>
  );
}
