/**
 * The part of a policy's `organization` section that the pre-submit review
 * shows: who to ask when a post is held back. Read from the policy document
 * the engine compiled (the engine validated it already, so this only picks
 * fields and ignores anything unexpected).
 */

import type { Contact, ContactName, OrganizationInfo } from '../protocol';

const CONTACT_FIELDS = ['email', 'phone'] as const;
const LANGS = ['de', 'en'] as const;

/** A name as the policy gives it: a string, or one per language. */
function contactName(value: unknown): ContactName | null {
  if (typeof value === 'string') return value.trim() ? value : null;
  if (typeof value !== 'object' || value === null) return null;
  const names: Partial<Record<(typeof LANGS)[number], string>> = {};
  for (const lang of LANGS) {
    const name = (value as Record<string, unknown>)[lang];
    if (typeof name === 'string' && name.trim()) names[lang] = name;
  }
  return Object.keys(names).length > 0 ? names : null;
}

export function organizationOf(policyJson: string): OrganizationInfo | null {
  let policy: unknown;
  try {
    policy = JSON.parse(policyJson);
  } catch {
    return null;
  }
  const organization = (policy as { organization?: unknown } | null)?.organization;
  if (typeof organization !== 'object' || organization === null) return null;
  const { name, contacts } = organization as { name?: unknown; contacts?: unknown };
  const picked: Record<string, Contact> = {};
  if (typeof contacts === 'object' && contacts !== null) {
    for (const [role, value] of Object.entries(contacts)) {
      if (typeof value !== 'object' || value === null) continue;
      const contact: Contact = {};
      const name = contactName((value as Record<string, unknown>).name);
      if (name !== null) contact.name = name;
      for (const field of CONTACT_FIELDS) {
        const text = (value as Record<string, unknown>)[field];
        if (typeof text === 'string' && text.trim()) contact[field] = text;
      }
      if (Object.keys(contact).length > 0) picked[role] = contact;
    }
  }
  return { name: typeof name === 'string' ? name : null, contacts: picked };
}
