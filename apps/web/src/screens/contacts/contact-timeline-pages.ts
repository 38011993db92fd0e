import type { TimelineEntry } from '../../api/contact-timeline';

/**
 * The timeline pages by time alone (`at < before`), and the server keeps
 * microseconds while `nextBefore` has milliseconds: entries of one activation
 * share a time, and entries in the last millisecond of a page would be skipped.
 * So "Load older" asks from one millisecond later and drops what is already shown.
 */
export function olderPageBefore(nextBefore: string): string {
  const time = Date.parse(nextBefore);
  return Number.isNaN(time) ? nextBefore : new Date(time + 1).toISOString();
}

export function timelineEntryKey(entry: TimelineEntry): string {
  const owner = entry.kind === 'delivery' ? entry.detail.deliveryId : entry.detail.enrollmentId;
  return [entry.kind, entry.at, entry.campaignId, entry.nodeId, owner, entry.outcome].join('|');
}

/** The shown entries followed by the older page's entries that are not shown yet. */
export function appendOlder(shown: readonly TimelineEntry[], older: readonly TimelineEntry[]): TimelineEntry[] {
  const seen = new Set(shown.map(timelineEntryKey));
  return [...shown, ...older.filter((entry) => !seen.has(timelineEntryKey(entry)))];
}

/**
 * Entries written in one activation share a time, and the server does not say
 * in which order they ran. Within one time, newest first reads best as: the
 * delivery, the steps, the trigger that let the contact in, the enrollment.
 */
export function orderForDisplay(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const rank = (entry: TimelineEntry) =>
    entry.kind === 'delivery' ? 0 : entry.kind === 'enrollment' ? 3 : entry.detail.type.startsWith('trigger.') ? 2 : 1;
  const groups: TimelineEntry[][] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && last[0]?.at === entry.at) last.push(entry);
    else groups.push([entry]);
  }
  // Array.prototype.sort is stable: entries of one rank keep the server's order.
  const ordered = groups.flatMap((group) => group.sort((a, b) => rank(a) - rank(b)));
  return ordered;
}
