/**
 * Priorities as tariffs and statements spell them. A tariff row for "Urgent" must price a RIS examination of
 * priority "URGENT" or "U" and a statement line of "Urgent report", so priorities are compared by a key:
 * the common urgency words map to one key each; anything else compares as its own letters and digits.
 */

/** Words (after squashing) for each common priority key. */
const PRIORITY_WORDS: readonly (readonly [string, readonly string[]])[] = [
  ['emergency', ['emergency', 'emerg', 'e', 'stat', 'immediate', 'critical', 'hot', 'hotreport', 'p1', 'priority1', 'ae', 'aande', 'ed', 'onehour', '1hour', '1hr']],
  ['urgent', ['urgent', 'u', 'urg', 'soon', 'asap', 'expedited', 'p2', 'priority2', 'urgentreport', '24hour', '24hr', '24hours']],
  ['cancer', ['2ww', 'twoweekwait', '2weekwait', 'cancer', '2wwcancer', 'cancer2ww', 'suspectedcancer', 'fasttrack', 'cancerpathway', 'p3', 'priority3']],
  ['inpatient', ['inpatient', 'ip', 'inpatients', 'ward']],
  ['routine', ['routine', 'r', 'rout', 'normal', 'standard', 'elective', 'planned', 'p4', 'priority4', 'nonurgent', 'routinereport']],
];

const BY_WORD = new Map<string, string>();
for (const [key, words] of PRIORITY_WORDS) for (const w of words) BY_WORD.set(w, key);

function squash(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * The comparison key of a priority: 'emergency', 'urgent', 'cancer', 'inpatient' or 'routine' for the common
 * spellings ("URGENT", "U", "2WW/Cancer", "Stat"), otherwise the text's letters and digits in lower case;
 * null when empty.
 */
export function priorityKey(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const s = squash(text);
  if (s === '') return null;
  return BY_WORD.get(s) ?? BY_WORD.get(s.replace(/(report|priority|request|exam)$/, '')) ?? s;
}

/** Whether two priorities are the same for pricing. */
export function samePriority(a: string | null | undefined, b: string | null | undefined): boolean {
  const ka = priorityKey(a);
  return ka !== null && ka === priorityKey(b);
}
