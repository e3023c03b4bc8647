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

/* The employer report (AHP Health and Work Report; domain/employerReport.ts). */

/** HCPC-registered professions that write AHP Health and Work Reports, with their register prefix. */
export const HCPC_PROFESSIONS = labelled({
  occupational_therapist: 'Occupational therapist',
  physiotherapist: 'Physiotherapist',
  dietitian: 'Dietitian',
});
export type HcpcProfession = (typeof HCPC_PROFESSIONS.values)[number];

/** The AHP report's recommendations, plus a workplace assessment: ticked by the practitioner, never inferred. */
export const REPORT_RECOMMENDATIONS = labelled({
  phased_return: 'A phased return to work',
  altered_hours: 'Altered hours',
  amended_duties: 'Amended duties',
  workplace_adaptations: 'Workplace adaptations',
  workplace_assessment: 'A workplace assessment',
});
export type ReportRecommendation = (typeof REPORT_RECOMMENDATIONS.values)[number];

/** Where the report's statement about fitness for work comes from. */
export const REPORT_FITNESS = labelled({
  fit_note: 'As the fit note (Med3) in force says',
  may_be_fit: 'My assessment: may be fit for work, taking into account this advice',
  not_fit: 'My assessment: not fit for work at present',
  not_stated: 'No statement about fitness for work',
});
export type ReportFitness = (typeof REPORT_FITNESS.values)[number];

/** How the practitioner assessed the patient (the AHP report: face to face, telephone or video). */
export const REPORT_ASSESSMENT_MODES = labelled({
  home_visit: 'Home visit',
  clinic: 'Clinic',
  telephone: 'Telephone',
  video: 'Video call',
});
export type ReportAssessmentMode = (typeof REPORT_ASSESSMENT_MODES.values)[number];

export const REPORT_REVIEW = labelled({
  yes: 'Yes: I will review the patient',
  no: 'No: no review is planned',
});

/** Which follow-up after discharge (CONTRACT §3 `followup.submit` `due`). */
export const FOLLOW_UP_DUES = labelled({
  '3m': '3-month follow-up',
  '6m': '6-month follow-up',
  '12m': '12-month follow-up',
});

export const FOLLOW_UP_WORK_STATUSES = labelled({
  working_full: 'Working, full hours',
  working_reduced: 'Working, reduced hours',
  working_other_role: 'Working, in another role',
  off_sick: 'Employed but off sick',
  not_working: 'Not working',
  not_reached: 'Not reached (no contact made)',
});

export type Vocabulary<T extends string> = { values: [T, ...T[]]; labels: Record<T, string> };

/** Choices for an Input.ChoiceSet. */
export function choicesOf<T extends string>(v: Vocabulary<T>): { title: string; value: T }[] {
  return v.values.map((value) => ({ title: v.labels[value], value }));
}
