import { KindAdmission } from './types';

/**
 * Every kind's admission, keyed `group/kind`. Each rules module in ./rules
 * exports one `KindAdmission` per kind; add it to the list below.
 */
const ADMISSIONS: KindAdmission[] = [
];

export const KIND_ADMISSIONS: ReadonlyMap<string, KindAdmission> = new Map(ADMISSIONS.map(a => [`${a.group}/${a.kind}`, a]));
