import { Tag } from 'antd';
import { CHANGE_STATE_LABELS } from '../../shared/domain/change';
import { DEFERRAL_STATUS_LABELS } from '../../shared/domain/deferral';
import { ENROLMENT_STATUS_LABELS } from '../../shared/domain/enrolment';
import { EXEMPTION_STATUS_LABELS } from '../../shared/domain/exemption';

const LABELS = {
  enrolment: ENROLMENT_STATUS_LABELS as Record<string, string>,
  exemption: EXEMPTION_STATUS_LABELS as Record<string, string>,
  deferral: DEFERRAL_STATUS_LABELS as Record<string, string>,
  change: CHANGE_STATE_LABELS as Record<string, string>,
};

/** Colour by what the status means: done well, refused, waiting on someone, or closed. */
function colourOf(status: string): string {
  if (/^(passed|approved|registered|allowed)$/.test(status)) return 'success';
  if (/reject|refused|failed|^void$|^withdrawn$/.test(status)) return status === 'void' ? 'default' : 'error';
  if (/^pending|^ready|^reexam_ready$|^opened$|^submitted$/.test(status)) return 'processing';
  return 'default';
}

/** A status as a coloured tag, labelled from the shared vocabulary (`src/shared/domain`). */
export function StatusTag({ kind, status }: { kind: keyof typeof LABELS; status: string }) {
  return <Tag color={colourOf(status)}>{LABELS[kind][status] ?? status}</Tag>;
}
