import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { errorText, IdNumber } from '../../components';
import { revealIdNumber, usePhysician } from '../../queries/physician';

const slash = (s: string | null) => (s ? s.replaceAll('-', '/') : '—');

/** 【查看】 a physician: registry data; the 证件号码 masked, full only through the audited reveal the server offers. */
export function PhysicianDetailModal({ id, onClose }: { id: number | null; onClose: () => void }) {
  const q = usePhysician(id);
  const d = q.data;
  const canReveal = !!d && d.actions.includes('revealIdNumber');
  return (
    <Modal
      open={id !== null}
      title="医师信息"
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={720}
    >
      {q.error && <Alert type="error" message={errorText(q.error)} />}
      {d && (
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label="姓名">{d.name}</Descriptions.Item>
          <Descriptions.Item label="性别">{d.gender}</Descriptions.Item>
          <Descriptions.Item label="证件类型">{d.idType}</Descriptions.Item>
          <Descriptions.Item label="证件号码">
            <IdNumber key={d.id} value={d.idNumberMasked} reveal={canReveal ? () => revealIdNumber(d.id) : undefined} />
          </Descriptions.Item>
          <Descriptions.Item label="出生日期">{slash(d.birthDate)}</Descriptions.Item>
          <Descriptions.Item label="手机号">{d.mobileMasked ?? '未绑定'}</Descriptions.Item>
          <Descriptions.Item label="医师级别">{d.level}</Descriptions.Item>
          <Descriptions.Item label="执业类别">{d.practiceCategory}</Descriptions.Item>
          <Descriptions.Item label="执业范围">{d.practiceScope || '—'}</Descriptions.Item>
          <Descriptions.Item label="职称">{d.title || '—'}</Descriptions.Item>
          <Descriptions.Item label="资格证书编号">{d.qualificationNo || '—'}</Descriptions.Item>
          <Descriptions.Item label="执业证书编号">{d.licenseNo || '—'}</Descriptions.Item>
          <Descriptions.Item label="首次注册时间">{slash(d.firstRegisteredAt)}</Descriptions.Item>
          <Descriptions.Item label="本周期考核状态">{d.enrolmentStatusLabel}</Descriptions.Item>
          <Descriptions.Item label="所在卫生机构" span={2}>
            {d.institutionName}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {d.orgPathNames.slice(0, -1).join(' / ')}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
