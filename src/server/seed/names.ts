import { idCheckDigit } from '../../shared/idcard.js';

/** Deterministic PRNG (mulberry32) so demo and scale data are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂丛焦向柳邢路岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强柴华车冉房边'.split(
    '',
  );
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华飞鑫波斌宇浩凯健俊帆帅旭宁婷雪琳晶欣怡佳琪梦瑶子涵雨轩浩然思远博文建国志强海燕红梅玉兰晓东晓明春花秋菊立新振华德明文静丹丹'.split(
    '',
  );

export function randomName(r: () => number): string {
  const len = r() < 0.35 ? 1 : 2;
  let n = pick(r, SURNAMES);
  for (let i = 0; i < len; i++) n += pick(r, GIVEN);
  return n;
}

/** A valid 18-digit 居民身份证 number for the given area code, birth date and serial. */
export function makeIdNumber(area: string, birth: Date, serial: number, male: boolean): string {
  const y = birth.getUTCFullYear();
  const m = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const d = String(birth.getUTCDate()).padStart(2, '0');
  let seq = serial % 1000;
  if ((seq % 2 === 1) !== male) seq = (seq + 1) % 1000;
  const first17 = `${area}${y}${m}${d}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}
