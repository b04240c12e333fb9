import type { Role } from '../../ipc/channel';

/**
 * Who may see 身份证号 and phone numbers in full: only administrators, who maintain the rosters.
 * Everyone else (考评员, 审核人, 查看) sees them masked in lists, exports and reports; the
 * published reports never need them in full.
 */
export function canSeePersonalData(role: Role | null | undefined): boolean {
  return role === 'admin';
}
