import {
  HUMANITIES_CHAPTERS,
  PROFESSIONAL_SPECIALTIES,
  type TBank,
  type TPracticeCategory,
} from '../../../shared/schemas/bank';

/** 分类 of a 题库: the 人文医学 chapters, or the 专业 of one 执业类别 (all of them when none is chosen). */
export function categoriesOf(bank: TBank, practiceCategory?: string | null): string[] {
  if (bank === 'humanities') return [...HUMANITIES_CHAPTERS];
  if (practiceCategory) return [...(PROFESSIONAL_SPECIALTIES[practiceCategory as TPracticeCategory] ?? [])];
  return [...new Set(Object.values(PROFESSIONAL_SPECIALTIES).flat())];
}
