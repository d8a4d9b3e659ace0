import { INSTITUTION_CATEGORIES, INSTITUTION_GRADES, type ProfileFormKey } from '../../../shared/schemas/org';

/** Fields of each 本机构信息 form, in the manual's order. */
export interface Field {
  name: string;
  label: string;
  required?: boolean;
  textarea?: boolean;
  options?: readonly string[];
  placeholder?: string;
}

export const FIELDS: Record<ProfileFormKey, Field[]> = {
  wjw: [
    { name: 'address', label: '机构地址' },
    { name: 'postcode', label: '邮政编码' },
    { name: 'leader', label: '负责人' },
    { name: 'contact', label: '联系人' },
    { name: 'phone', label: '联系电话' },
    { name: 'email', label: '电子邮箱' },
    { name: 'fax', label: '传真' },
  ],
  committee: [
    { name: 'name', label: '委员会名称', placeholder: '如：医师定期考核管理委员会' },
    { name: 'director', label: '主任' },
    { name: 'deputyDirector', label: '副主任' },
    { name: 'members', label: '成员', textarea: true, placeholder: '多名成员用顿号或换行分隔' },
    { name: 'contact', label: '联系人' },
    { name: 'phone', label: '联系电话' },
    { name: 'address', label: '地址' },
  ],
  office: [
    { name: 'name', label: '办公室名称', placeholder: '如：医师定期考核办公室' },
    { name: 'director', label: '主任' },
    { name: 'members', label: '成员', textarea: true, placeholder: '多名成员用顿号或换行分隔' },
    { name: 'contact', label: '联系人' },
    { name: 'phone', label: '联系电话' },
    { name: 'email', label: '电子邮箱' },
    { name: 'address', label: '地址' },
    { name: 'postcode', label: '邮政编码' },
  ],
  institution: [
    { name: 'creditCode', label: '统一社会信用代码' },
    { name: 'address', label: '地址', required: true },
    { name: 'category', label: '机构类别', required: true, options: INSTITUTION_CATEGORIES },
    { name: 'grade', label: '机构级别', required: true, options: INSTITUTION_GRADES },
    { name: 'legalPerson', label: '法定代表人' },
    { name: 'contact', label: '联系人', required: true },
    { name: 'phone', label: '联系电话', required: true },
    { name: 'postcode', label: '邮政编码' },
    { name: 'email', label: '电子邮箱' },
  ],
  industry: [
    { name: 'creditCode', label: '统一社会信用代码' },
    { name: 'address', label: '地址', required: true },
    { name: 'leader', label: '负责人' },
    { name: 'contact', label: '联系人', required: true },
    { name: 'phone', label: '联系电话', required: true },
    { name: 'postcode', label: '邮政编码' },
    { name: 'email', label: '电子邮箱' },
  ],
};

export const PROFILE_TITLES: Record<ProfileFormKey, string> = {
  wjw: '卫健委',
  committee: '考核管理委员会',
  office: '考核办公室',
  institution: '本机构信息',
  industry: '本机构信息',
};
