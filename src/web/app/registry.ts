import type { ReactNode } from 'react';
import type { TMe } from '../../shared/schemas/account';

export type WebRole = TMe['role'];

/**
 * A page contributed by a feature folder. Each `pages/<feature>/index.tsx` exports
 * `routes: PageRoute[]`; the app discovers them, so features never edit a central file.
 */
export interface PageRoute {
  path: string;
  element: ReactNode;
  /** left navigation entry; omit for pages reached from other pages */
  menu?: {
    roles: WebRole[];
    /** nesting, e.g. ['考核管理', '考核机构管理'] */
    group?: string[];
    label: string;
    order: number;
    /** only for these administration levels */
    adminLevels?: ('province' | 'city' | 'district')[];
  };
  /**
   * physician pages: the mobile layout with the physician shell (16 px text, 44 px targets, the
   * 大字 switch and the physician menu) — applied here for every such route, never by the page
   */
  mobile?: boolean;
  /** a physician page not left by a menu tap (答题): the 大字 switch without the physician menu */
  focus?: boolean;
  /** reachable without logging in (e.g. 证书查验) */
  public?: boolean;
}
