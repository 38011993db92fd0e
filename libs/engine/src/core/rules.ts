import type { Rule } from '@tideway/graph';
import type { EngineContact } from './contact';
import { fieldValue } from './contact';
import { parseInstant } from './zoned-time';

/**
 * Rule semantics (filter.condition, goal.fieldMatches). Text compares
 * case-insensitively and trimmed, as marketers expect of "is" and "contains";
 * numbers compare as numbers; dates as instants; tags exactly, as the
 * database stores them. A rule on a missing value is false, except isEmpty
 * and notEquals (an empty plan is not "pro").
 */
export function ruleHolds(rule: Rule, contact: EngineContact): boolean {
  const value = fieldValue(contact, rule.field);
  switch (rule.op) {
    case 'hasTag':
      return contact.tags.includes(String(rule.value));
    case 'notHasTag':
      return !contact.tags.includes(String(rule.value));
    case 'isEmpty':
      return isEmpty(value);
    case 'isNotEmpty':
      return !isEmpty(value);
    case 'equals':
      return !isEmpty(value) && sameValue(value, rule.value);
    case 'notEquals':
      return isEmpty(value) || !sameValue(value, rule.value);
    case 'contains':
      return !isEmpty(value) && text(value).includes(text(rule.value));
    case 'gt':
    case 'lt': {
      const left = toNumber(value);
      const right = toNumber(rule.value);
      if (left === null || right === null) return false;
      return rule.op === 'gt' ? left > right : left < right;
    }
    case 'before':
    case 'after': {
      const left = toInstant(value);
      const right = toInstant(rule.value);
      if (left === null || right === null) return false;
      return rule.op === 'before' ? left < right : left > right;
    }
  }
}

export function rulesHold(match: 'all' | 'any', rules: readonly Rule[], contact: EngineContact): boolean {
  return match === 'all' ? rules.every((rule) => ruleHolds(rule, contact)) : rules.some((rule) => ruleHolds(rule, contact));
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'string' && value.trim() === '';
}

function text(value: unknown): string {
  return String(value ?? '').trim().toLowerCase();
}

function sameValue(left: unknown, right: unknown): boolean {
  const a = toNumber(left);
  const b = toNumber(right);
  if (a !== null && b !== null) return a === b;
  return text(left) === text(right);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A date-time without an offset reads as UTC, whatever the process's zone. */
export function toInstant(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  return typeof value === 'string' ? parseInstant(value) : null;
}
