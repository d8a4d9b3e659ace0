/** The rule the page states (and useExamSession enforces) for 交卷 with answers not yet on the server. */
export const SUBMIT_RULE =
  '交卷前，本设备上的答案须全部保存到服务器；网络断开时暂不能交卷，请恢复网络后再交卷。考试时间到时系统自动交卷，以已保存到服务器的答案为准。';

export const TYPE_LABELS = { single: '单选题', multiple: '多选题', judge: '判断题' } as const;

/** Seconds as mm:ss (h:mm:ss from an hour up). */
export const mmss = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const p = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${p(m)}:${p(s % 60)}` : `${p(m)}:${p(s % 60)}`;
};

/** Where the device keeps the question the physician was on (per attempt). */
export const indexKey = (id: number) => `dk-exam-${id}-index`;
