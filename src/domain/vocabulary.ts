/**
 * The contract's option values (CONTRACT §3) and the words a clinician reads for each.
 * Cards build their choice lists from here, so a value can never be offered that the bot would refuse.
 */
function labelled<T extends string>(entries: Record<T, string>) {
  return { values: Object.keys(entries) as [T, ...T[]], labels: entries };
}

export const EVENT_TYPES = labelled({
  MI: 'Myocardial infarction (heart attack)',
  PCI: 'PCI (stent)',
  CABG: 'CABG (bypass surgery)',
  valve: 'Valve surgery',
  heart_failure: 'Heart failure',
  other: 'Other cardiac event',
});

export const EMPLOYMENT_STATUSES = labelled({
  employed: 'Employed',
  self_employed: 'Self-employed',
  unemployed_seeking: 'Unemployed, seeking work',
  other: 'Other',
});

export const JOB_DEMANDS = labelled({
  manual_handling: 'Manual handling',
  sedentary: 'Sedentary',
  shift_work: 'Shift work',
  driving: 'Driving',
  vocational_driving: 'Vocational driving (HGV, PCV, taxi)',
  travel: 'Travel',
  high_stress: 'High stress',
});

export const FIT_NOTE_STATUSES = labelled({
  not_fit: 'Not fit for work',
  may_be_fit: 'May be fit for work',
});

/** On the referral form a nurse may also say there is no fit note. */
export const REFERRAL_FIT_NOTE_STATUSES = labelled({
  ...FIT_NOTE_STATUSES.labels,
  none: 'No fit note',
});

export const FIT_NOTE_ADVICE = labelled({
  phased_return: 'A phased return to work',
  altered_hours: 'Altered hours',
  amended_duties: 'Amended duties',
  workplace_adaptations: 'Workplace adaptations',
});

/** Who issued the fit note: since July 2022 not only doctors (CONTRACT §3 `issuerProfession`). */
export const ISSUER_PROFESSIONS = labelled({
  doctor: 'Doctor',
  nurse: 'Nurse',
  occupational_therapist: 'Occupational therapist',
  pharmacist: 'Pharmacist',
  physiotherapist: 'Physiotherapist',
});

export const CONTACT_PREFERENCES = labelled({
  home_visit: 'Home visit',
  telephone: 'Telephone',
  video: 'Video call',
});

export const SESSION_MODES = labelled({
  home_visit: 'Home visit',
  telephone: 'Telephone',
  video: 'Video call',
  clinic: 'Clinic',
  employer_meeting: 'Employer meeting',
  did_not_attend: 'Did not attend',
});

export const SESSION_TOPICS = labelled({
  fatigue: 'Fatigue',
  sleep: 'Sleep',
  mood: 'Mood',
  anxiety: 'Anxiety',
  confidence: 'Confidence',
  pacing: 'Pacing',
  employer_liaison: 'Employer liaison',
  workplace_assessment: 'Workplace assessment',
  phased_return: 'Phased return',
  finance: 'Finance',
  driving: 'Driving',
});

export const DISCHARGE_OUTCOMES = labelled({
  returned_full: 'Returned to work, full duties',
  returned_phased: 'Returned to work, phased',
  returned_other_role: 'Returned to work, another role',
  not_returned_health: 'Not returned: health',
  not_returned_choice: 'Not returned: own choice',
  retired: 'Retired',
  lost_contact: 'Lost contact',
});

export type Vocabulary<T extends string> = { values: [T, ...T[]]; labels: Record<T, string> };

/** Choices for an Input.ChoiceSet. */
export function choicesOf<T extends string>(v: Vocabulary<T>): { title: string; value: T }[] {
  return v.values.map((value) => ({ title: v.labels[value], value }));
}
