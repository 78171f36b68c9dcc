import type { CUSTOMER_TYPES, CustomerQuery } from '../../../shared/contract/customers';

/** The customers list's search and filters as the screen holds them (strings, as the inputs give them). */
export interface ListQuery {
  text: string;
  status: 'active' | 'inactive' | 'merged' | 'any';
  type: '' | (typeof CUSTOMER_TYPES)[number];
  categoryId: string;
  tag: string;
  /** matches an address's city or region */
  city: string;
  /** '' or '1'..'12' */
  birthMonth: string;
  /** dates as the date inputs hold them, YYYY-MM-DD or '' */
  createdFrom: string;
  createdTo: string;
  activeFrom: string;
  activeTo: string;
  sort: CustomerQuery['sort'];
}
export const DEFAULT_QUERY: ListQuery = {
  text: '',
  status: 'active',
  type: '',
  categoryId: '',
  tag: '',
  city: '',
  birthMonth: '',
  createdFrom: '',
  createdTo: '',
  activeFrom: '',
  activeTo: '',
  sort: 'name',
};

/** A YYYY-MM-DD date's first (or last) millisecond in the till's local time; undefined when blank. */
function dayEdge(day: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return end ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1 : start;
}

/** The list's filters as the contract's query fields (shared by the search and the export). */
export function queryFilters(q: ListQuery) {
  const range = {
    createdFrom: dayEdge(q.createdFrom, false),
    createdTo: dayEdge(q.createdTo, true),
    activeFrom: dayEdge(q.activeFrom, false),
    activeTo: dayEdge(q.activeTo, true),
  };
  return {
    text: q.text,
    ...(q.type ? { type: q.type } : {}),
    ...(q.categoryId ? { categoryId: q.categoryId } : {}),
    ...(q.tag.trim() ? { tag: q.tag.trim() } : {}),
    ...(q.city.trim() ? { city: q.city.trim() } : {}),
    ...(q.birthMonth ? { birthMonth: Number(q.birthMonth) } : {}),
    ...Object.fromEntries(Object.entries(range).filter(([, v]) => v !== undefined)),
  };
}
