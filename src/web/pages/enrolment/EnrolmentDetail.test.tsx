// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TDetail } from '../../../shared/schemas/enrolment';
import { Providers } from '../../components/test-utils';
import { EnrolmentDetailView } from './EnrolmentDetail';

// antd renders slowly in happy-dom on a shared 2-core machine
vi.setConfig({ testTimeout: 120_000 });
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** 考核进度 【查看】 of one enrolment as the server answers GET /api/enrolments/:id (stored keys inside). */
const DETAIL: TDetail = {
  id: 41,
  status: 'passed',
  statusLabel: '考核合格',
  cycleName: '2025—2027年度考核周期',
  physician: {
    name: '黄丽萍',
    idType: '居民身份证',
    idNumber: '450103198001011234',
    gender: '女',
    birthDate: '1980-01-01',
    mobile: '13907710000',
    level: '执业医师',
    category: '临床',
    scope: '内科专业',
    qualificationNo: 'Q1',
    licenseNo: 'L1',
    firstRegisteredAt: '2005-07-01',
    title: '主治医师',
    institutionName: '广西壮族自治区人民医院',
  },
  institutionName: '广西壮族自治区人民医院',
  assessmentBodyName: '广西医师协会',
  procedure: 'general',
  registration: { gender: '女', ethnicity: '汉族', education: '本科', experience: {} },
  departmentName: '内科',
  selfEvaluation: {
    goodRecord: '有',
    goodRecordAwards: '2024年度优秀医师',
    badRecord: '无',
    workQuantity: '完成',
    patients: 3650,
    wardRounds: 210,
    workQuality: '良好',
    governmentTasks: '参加对口支援',
    disqualifying: Array.from({ length: 14 }, () => '无'),
    ethicsSelf: '遵守医德规范',
  },
  procedureApplication: { procedure: 'general' },
  evaluation: {
    institution: {
      workResult: '合格',
      workOpinion: '工作量饱满',
      ethicsResult: '合格',
      ethicsOpinion: '医德良好',
      otherOpinions: [],
      by: '科教科',
      at: '2026-03-02T02:00:00.000Z',
    },
    bodyReview: {
      workAgree: true,
      ethicsAgree: true,
      reason: '',
      decision: '同意',
      by: '广西医师协会',
      at: '2026-03-10T02:00:00.000Z',
    },
  },
  hasPhoto: false,
  workResult: '合格',
  ethicsResult: '合格',
  humanitiesScore: 88,
  professionalScore: null,
  finalResult: '合格',
  lastReason: null,
  submittedAt: '2026-02-20T02:00:00.000Z',
  history: [],
  actions: [],
  canRevealIdNumber: false,
};

/** Section headings of the view (antd Divider: role=separator, its text is the heading). */
const sections = () => screen.getAllByRole('separator').map((el) => el.textContent?.trim());

describe('考核进度 【查看】', () => {
  it('uses the manual’s section names, and shows the self-evaluation with Chinese labels, never stored keys', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(DETAIL), { headers: { 'content-type': 'application/json' } })),
    );
    const { container } = render(
      <Providers>
        <EnrolmentDetailView id={41} />
      </Providers>,
    );
    await screen.findByText('工作成绩、职业道德自评');
    // seed 003 考核进度 【查看】: the five sections in the manual's order; 办理记录 (the handling record) closes it
    expect(sections()).toEqual([
      '医师个人信息',
      '工作成绩、职业道德自评',
      '卫生机构评定意见',
      '考核机构复核意见',
      '考核结果',
      '办理记录',
    ]);
    // the physician's answers under the wizard's labels
    expect(screen.getByText('接诊病人数').closest('tr')?.textContent).toContain('3650');
    expect(screen.getByText('查房次数').closest('tr')?.textContent).toContain('210');
    expect(screen.getByText('医德医风自评').closest('tr')?.textContent).toContain('遵守医德规范');
    expect(screen.getByText('良好执业行为记录').closest('tr')?.textContent).toContain('有');
    const text = container.textContent ?? '';
    for (const key of Object.keys(DETAIL.selfEvaluation)) expect(text).not.toContain(key);
    expect(text).not.toMatch(/[{}"]/);
  });
});
