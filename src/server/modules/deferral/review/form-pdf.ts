import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import { findDeferralForm } from '../deferral.repo.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** The 附件1 form of an application the actor may see. */
export async function formPdf(
  deps: Pick<Deps, 'db' | 'storage'>,
  actor: Actor,
  id: number,
): Promise<{ pdf: Buffer; name: string }> {
  const { renderDeferralForm } = await import('../deferral.pdf.js');
  const r = await findDeferralForm(deps.db, actor, id);
  if (!r) throw notFound('延期考核申请');
  const photo = r.photoKey ? await deps.storage.get(r.photoKey).catch(() => null) : null;
  const a = r.a;
  const pdf = await renderDeferralForm({
    name: r.p.name,
    gender: r.p.gender,
    photo,
    institutionName: r.institutionName,
    idNumber: r.p.idNumber,
    qualificationNo: r.p.qualificationNo,
    licenseNo: r.p.licenseNo,
    reason: a.reason,
    institutionOpinion:
      a.institutionAgree && a.institutionAt
        ? { agree: a.institutionAgree, opinion: a.institutionOpinion ?? '', at: a.institutionAt }
        : null,
    adminOpinion:
      a.adminAgree && a.adminAt
        ? { agree: a.adminAgree, opinion: a.adminOpinion ?? '', org: a.adminOrgName ?? '', at: a.adminAt }
        : null,
  });
  return { pdf, name: `医师定期考核延期考核申请表-${r.p.name}.pdf` };
}
