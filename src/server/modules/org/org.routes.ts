import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZOk } from '../../../shared/schemas/account.js';
import {
  ZApplicationListQuery,
  ZApplicationPage,
  ZApplyPermission,
  ZAssessmentBodyRole,
  ZAssignedList,
  ZAuditPage,
  ZAuditQuery,
  ZBatchResult,
  ZBodyListQuery,
  ZBodyPage,
  ZCandidatePage,
  ZCandidateQuery,
  ZCreateDepartments,
  ZCreateSubordinate,
  ZDepartmentTree,
  ZIds,
  ZInstitutionDetail,
  ZInstitutionIds,
  ZInstitutionListQuery,
  ZInstitutionPage,
  ZMyApplication,
  ZMyOrg,
  ZProfileForm,
  ZRejectInput,
  ZSmsPage,
  ZSmsQuery,
  ZSubordinate,
  ZSubordinateListQuery,
  ZSubordinatePage,
  ZUpdateDepartment,
  ZUpdateSubordinate,
} from '../../../shared/schemas/org.js';
import { actorOf } from '../../platform/http.js';
import { setDownloadHeaders } from '../../platform/downloads.js';
import { readUpload } from '../../platform/uploads.js';
import * as assessment from './org.assessment.js';
import * as audit from './org.audit.js';
import * as dept from './org.departments.js';
import * as svc from './org.service.js';

const ZId = z.object({ id: z.coerce.number().int().positive() });
const ZFileId = z.object({ fileId: z.string().uuid('文件不存在') });

export default async function orgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  /* 本机构信息 */
  const tProfile = ['本机构信息'];
  app.get(
    '/api/org/profile',
    { schema: { tags: tProfile, summary: '本机构信息', response: { 200: ZMyOrg } } },
    async (req) => svc.getMyOrg(deps, actorOf(req, 'admin', 'institution', 'industry', 'body')),
  );
  app.put(
    '/api/org/profile/:form',
    {
      schema: {
        tags: tProfile,
        summary: '保存本机构信息表单（卫健委 / 考核管理委员会 / 考核办公室 / 卫生机构 / 行业组织）',
        params: z.object({ form: ZProfileForm }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: ZMyOrg },
      },
    },
    async (req) =>
      svc.saveProfileForm(deps, actorOf(req, 'admin', 'institution', 'industry', 'body'), req.params.form, req.body),
  );

  /* 所辖机构账户管理 */
  const tSub = ['所辖机构账户管理'];
  app.get(
    '/api/org/subordinates',
    {
      schema: {
        tags: tSub,
        summary: '所辖机构账号列表（地方卫健委 / 卫生机构 / 行业组织）',
        querystring: ZSubordinateListQuery,
        response: { 200: ZSubordinatePage },
      },
    },
    async (req) => svc.listSubordinates(deps, actorOf(req, 'admin'), req.query),
  );
  app.post(
    '/api/org/subordinates',
    {
      schema: {
        tags: tSub,
        summary: '新增所辖机构账号（初始密码 666666，未激活）',
        body: ZCreateSubordinate,
        response: { 200: ZSubordinate },
      },
    },
    async (req) => svc.createSubordinate(deps, actorOf(req, 'admin'), req.body),
  );
  app.put(
    '/api/org/subordinates/:id',
    {
      schema: {
        tags: tSub,
        summary: '修改未激活的机构账号（确认修改）',
        params: ZId,
        body: ZUpdateSubordinate,
        response: { 200: ZSubordinate },
      },
    },
    async (req) => svc.updateSubordinate(deps, actorOf(req, 'admin'), req.params.id, req.body),
  );
  app.delete(
    '/api/org/subordinates/:id',
    { schema: { tags: tSub, summary: '删除未激活的机构账号', params: ZId, response: { 200: ZOk } } },
    async (req) => {
      await svc.deleteSubordinate(deps, actorOf(req, 'admin'), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/org/subordinates/activate',
    { schema: { tags: tSub, summary: '激活 / 批量激活', body: ZIds, response: { 200: ZBatchResult } } },
    async (req) => svc.activateSubordinates(deps, actorOf(req, 'admin'), req.body.ids),
  );
  app.post(
    '/api/org/subordinates/:id/reset-password',
    { schema: { tags: tSub, summary: '重置密码为 666666', params: ZId, response: { 200: ZOk } } },
    async (req) => {
      await svc.resetSubordinatePassword(deps, actorOf(req, 'admin'), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/org/subordinates/:id/assessment-body',
    {
      schema: {
        tags: tSub,
        summary: '行业组织 【设为考核机构】/【取消考核机构】（由行政机构根据需要配置）',
        params: ZId,
        body: ZAssessmentBodyRole,
        response: { 200: ZSubordinate },
      },
    },
    async (req) => svc.setIndustryBodyRole(deps, actorOf(req, 'admin'), req.params.id, req.body.enabled),
  );
  app.post(
    '/api/org/subordinates/:id/deregister',
    { schema: { tags: tSub, summary: '注销已激活的机构账号', params: ZId, response: { 200: ZOk } } },
    async (req) => {
      await svc.deregisterSubordinate(deps, actorOf(req, 'admin'), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/org/subordinates/apply-permission',
    {
      schema: {
        tags: tSub,
        summary: '申请成为考核机构：允许 / 不允许（可批量）',
        body: ZApplyPermission,
        response: { 200: ZBatchResult },
      },
    },
    async (req) => svc.setApplyPermission(deps, actorOf(req, 'admin'), req.body.ids, req.body.allow),
  );

  /* 卫生机构管理 */
  const tInst = ['卫生机构管理'];
  app.get(
    '/api/org/institutions',
    {
      schema: {
        tags: tInst,
        summary: '辖区内卫生机构列表',
        querystring: ZInstitutionListQuery,
        response: { 200: ZInstitutionPage },
      },
    },
    async (req) => svc.listInstitutions(deps, actorOf(req, 'admin'), req.query),
  );
  app.get(
    '/api/org/institutions/:id',
    { schema: { tags: tInst, summary: '查看卫生机构', params: ZId, response: { 200: ZInstitutionDetail } } },
    async (req) => svc.getInstitution(deps, actorOf(req, 'admin'), req.params.id),
  );

  /* 申请考核机构 (institution) */
  const tApply = ['申请考核机构'];
  app.get(
    '/api/org/assessment-application',
    { schema: { tags: tApply, summary: '本机构的考核机构申请', response: { 200: ZMyApplication } } },
    async (req) => assessment.getMyApplication(deps, actorOf(req, 'institution')),
  );
  app.post(
    '/api/org/assessment-application/files',
    {
      schema: {
        tags: tApply,
        summary: '上传申请材料（pdf/jpg/png，单个≤10MB，最多10个）',
        consumes: ['multipart/form-data'],
        response: { 200: ZMyApplication },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'institution');
      const { buf, name } = await readUpload(req);
      return assessment.uploadMaterial(deps, actor, buf, name);
    },
  );
  app.delete(
    '/api/org/assessment-application/files/:fileId',
    { schema: { tags: tApply, summary: '删除申请材料', params: ZFileId, response: { 200: ZMyApplication } } },
    async (req) => assessment.removeMaterial(deps, actorOf(req, 'institution'), req.params.fileId),
  );
  app.post(
    '/api/org/assessment-application/submit',
    { schema: { tags: tApply, summary: '提交申请', response: { 200: ZMyApplication } } },
    async (req) => assessment.submitApplication(deps, actorOf(req, 'institution')),
  );
  app.get(
    '/api/org/assessment-application/files/:fileId',
    { schema: { tags: tApply, summary: '查看申请材料（本机构或辖区卫生行政机构）', params: ZFileId } },
    async (req, reply) => {
      const f = await assessment.readMaterial(deps, actorOf(req, 'institution', 'admin'), req.params.fileId);
      return setDownloadHeaders(reply, f.name, f.mime, { inline: true, cacheControl: 'private, no-store' }).send(
        f.body,
      );
    },
  );

  /* 考核机构管理 (administration) */
  const tBody = ['考核机构管理'];
  app.get(
    '/api/org/assessment-applications',
    {
      schema: {
        tags: tBody,
        summary: '审批考核机构：申请列表',
        querystring: ZApplicationListQuery,
        response: { 200: ZApplicationPage },
      },
    },
    async (req) => assessment.listApplications(deps, actorOf(req, 'admin'), req.query),
  );
  app.post(
    '/api/org/assessment-applications/:id/approve',
    { schema: { tags: tBody, summary: '通过考核机构申请', params: ZId, response: { 200: ZOk } } },
    async (req) => {
      await assessment.approveApplication(deps, actorOf(req, 'admin'), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/org/assessment-applications/:id/reject',
    {
      schema: {
        tags: tBody,
        summary: '驳回考核机构申请（须填写理由）',
        params: ZId,
        body: ZRejectInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await assessment.rejectApplication(deps, actorOf(req, 'admin'), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/org/assessment-bodies',
    { schema: { tags: tBody, summary: '考核机构列表', querystring: ZBodyListQuery, response: { 200: ZBodyPage } } },
    async (req) => assessment.listBodies(deps, actorOf(req, 'admin'), req.query),
  );
  app.get(
    '/api/org/assessment-bodies/:id/institutions',
    {
      schema: { tags: tBody, summary: '指定卫生机构：已指定的卫生机构', params: ZId, response: { 200: ZAssignedList } },
    },
    async (req) => assessment.listAssignedForAdmin(deps, actorOf(req, 'admin'), req.params.id),
  );
  app.get(
    '/api/org/assessment-bodies/:id/candidates',
    {
      schema: {
        tags: tBody,
        summary: '指定卫生机构：可添加的卫生机构（辖区内尚未指定）',
        params: ZId,
        querystring: ZCandidateQuery,
        response: { 200: ZCandidatePage },
      },
    },
    async (req) => assessment.listCandidates(deps, actorOf(req, 'admin'), req.params.id, req.query),
  );
  app.post(
    '/api/org/assessment-bodies/:id/institutions',
    {
      schema: {
        tags: tBody,
        summary: '指定卫生机构：添加',
        params: ZId,
        body: ZInstitutionIds,
        response: { 200: ZBatchResult },
      },
    },
    async (req) => assessment.assignInstitutions(deps, actorOf(req, 'admin'), req.params.id, req.body.institutionIds),
  );
  app.post(
    '/api/org/assessment-bodies/:id/institutions/remove',
    {
      schema: {
        tags: tBody,
        summary: '指定卫生机构：撤销',
        params: ZId,
        body: ZInstitutionIds,
        response: { 200: ZBatchResult },
      },
    },
    async (req) => assessment.unassignInstitutions(deps, actorOf(req, 'admin'), req.params.id, req.body.institutionIds),
  );

  /* 已指定卫生机构列表 (assessment body) */
  app.get(
    '/api/org/assigned-institutions',
    {
      schema: {
        tags: ['机构管理'],
        summary: '已指定卫生机构列表（考核机构）',
        querystring: z.object({ q: z.string().trim().max(60).optional() }),
        response: { 200: ZAssignedList },
      },
    },
    async (req) => assessment.listMyAssigned(deps, actorOf(req, 'body'), req.query),
  );

  /* 科室信息 */
  const tDept = ['科室信息'];
  app.get(
    '/api/departments',
    { schema: { tags: tDept, summary: '本机构科室（一级/二级树）', response: { 200: ZDepartmentTree } } },
    async (req) => dept.departmentTree(deps, actorOf(req, 'institution', 'physician')),
  );
  app.post(
    '/api/departments',
    {
      schema: {
        tags: tDept,
        summary: '创建科室（单一创建 / 批量创建）',
        body: ZCreateDepartments,
        response: { 200: ZDepartmentTree },
      },
    },
    async (req) => dept.createDepartments(deps, actorOf(req, 'institution'), req.body),
  );
  app.put(
    '/api/departments/:id',
    {
      schema: {
        tags: tDept,
        summary: '修改科室',
        params: ZId,
        body: ZUpdateDepartment,
        response: { 200: ZDepartmentTree },
      },
    },
    async (req) => dept.updateDepartment(deps, actorOf(req, 'institution'), req.params.id, req.body),
  );
  app.delete(
    '/api/departments/:id',
    {
      schema: {
        tags: tDept,
        summary: '删除科室（使用中的科室不能删除）',
        params: ZId,
        response: { 200: ZDepartmentTree },
      },
    },
    async (req) => dept.deleteDepartment(deps, actorOf(req, 'institution'), req.params.id),
  );

  /* 系统管理 */
  const tSys = ['系统管理'];
  app.get(
    '/api/audit',
    {
      schema: {
        tags: tSys,
        summary: '操作日志（管辖范围内）',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
    },
    async (req) => audit.listAudit(deps, actorOf(req, 'admin', 'institution', 'body', 'industry'), req.query),
  );
  app.get(
    '/api/sms-outbox',
    {
      schema: {
        tags: tSys,
        summary: '短信发件箱（省级卫生行政机构）',
        querystring: ZSmsQuery,
        response: { 200: ZSmsPage },
      },
    },
    async (req) => audit.listSmsOutbox(deps, actorOf(req, 'admin'), req.query),
  );
}
