import type { UserDto } from '../../../shared/users';
import type { UserState } from '../../components/status-colors';

export const USER_STATE_LABELS: Record<UserState, string> = { active: 'Active', deactivated: 'Deactivated', locked: 'Locked' };

/** Active, deactivated, or locked out by failed sign-ins (until `lockedUntil`). */
export function userState(user: UserDto, now: Date = new Date()): UserState {
  if (user.status === 'deactivated') {
    return 'deactivated';
  }
  return user.lockedUntil && new Date(user.lockedUntil) > now ? 'locked' : 'active';
}
