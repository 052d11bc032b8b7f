/**
 * Okabe–Ito: eight colours that stay distinct under the common colour-vision deficiencies.
 * Each staff group keeps one colour on every chart.
 */
import type { StaffGroup } from '../../shared/model';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** A neutral for "unclassified": it should recede, not compete with the real groups. */
export const NEUTRAL_GREY = '#8C979E';

export const GROUP_COLOURS: Record<StaffGroup, string> = {
  radiologist: OKABE_ITO.blue,
  trainee: OKABE_ITO.skyBlue,
  reporting_radiographer: OKABE_ITO.bluishGreen,
  sonographer: OKABE_ITO.orange,
  other_in_house: OKABE_ITO.reddishPurple,
  outsourced: OKABE_ITO.vermillion,
  insourced: OKABE_ITO.yellow,
  unclassified: NEUTRAL_GREY,
};

/** Skill-mix lines take the colour of the group whose share they show. */
export const SKILL_MIX_COLOURS = {
  plainFilm: GROUP_COLOURS.reporting_radiographer,
  ultrasound: GROUP_COLOURS.sonographer,
} as const;

export const TURNAROUND_COLOURS = { median: OKABE_ITO.skyBlue, p90: OKABE_ITO.blue } as const;

/** Backlog ages run from calm to urgent. */
export const BACKLOG_COLOURS = [OKABE_ITO.skyBlue, OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.vermillion] as const;
