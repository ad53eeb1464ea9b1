import type { ReactNode } from 'react';
import { isApiError } from '../api/api-error';

/**
 * Turns a problem's field errors into Mantine form errors. Paths arrive as "body.email",
 * "email" or "contacts.0.email"; messages as fragments ("is required"), which are prefixed with
 * the field's label, or as whole sentences, which are kept.
 */
export function problemFieldErrors(error: unknown, labels: Record<string, string> = {}): Record<string, string> {
  if (!isApiError(error)) {
    return {};
  }
  const result: Record<string, string> = {};
  for (const fieldError of error.problem.errors) {
    const path = fieldError.path.replace(/^(body|querystring|params)\.?/, '');
    if (path === '') {
      continue;
    }
    result[path] ??= fieldMessage(path, fieldError.message, labels);
  }
  return result;
}

/** "is required" for "legalName" → "Legal name is required". */
export function fieldMessage(path: string, message: string, labels: Record<string, string> = {}): string {
  const first = message.charAt(0);
  if (first !== first.toLowerCase()) {
    return message;
  }
  const leaf = path.split('.').pop() ?? path;
  const label = labels[path] ?? labels[leaf] ?? humanise(leaf);
  return `${label} ${message}`;
}

/** Wraps a form validator so its fragment messages read as sentences, like the server's. */
export function withFieldLabels<V>(validate: (values: V) => Record<string, ReactNode>, labels: Record<string, string> = {}) {
  return (values: V): Record<string, ReactNode> => {
    const errors = validate(values);
    return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, typeof message === 'string' ? fieldMessage(path, message, labels) : message]));
  };
}

function humanise(key: string): string {
  if (/^\d+$/.test(key)) {
    return 'This';
  }
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
