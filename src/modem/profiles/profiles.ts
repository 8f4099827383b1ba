import { GENERIC_PROFILE } from './generic.profile';
import { HUAWEI_PROFILE } from './huawei.profile';
import { ModemProfile } from './modem-profile';
import { QUECTEL_PROFILE } from './quectel.profile';
import { SIERRA_PROFILE } from './sierra.profile';
import { SIMCOM_PROFILE } from './simcom.profile';
import { ZTE_PROFILE } from './zte.profile';

/** Vendor profiles in match order; the generic profile is the fallback. */
export const MODEM_PROFILES: readonly ModemProfile[] = [
  HUAWEI_PROFILE,
  QUECTEL_PROFILE,
  SIMCOM_PROFILE,
  SIERRA_PROFILE,
  ZTE_PROFILE,
];

export function selectProfile(
  manufacturer: string | null,
  model: string | null,
  profiles: readonly ModemProfile[] = MODEM_PROFILES,
): ModemProfile {
  return profiles.find((profile) => profile.matches(manufacturer, model)) ?? GENERIC_PROFILE;
}

export { GENERIC_PROFILE, HUAWEI_PROFILE, QUECTEL_PROFILE, SIERRA_PROFILE, SIMCOM_PROFILE, ZTE_PROFILE };
export type { ModemProfile };
