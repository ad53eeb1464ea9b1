import { useEffect, useRef } from 'react';

/** A key as written in the shortcut list: 'j', 'Enter', 'ArrowDown', ' ', '?'. */
export type KeyMap = Partial<Record<string, () => void>>;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'date', 'number', 'email', 'password', 'tel', 'url']);

/**
 * The workspace's single-key shortcuts. Unlike a generic hotkey hook, a focused checkbox (just
 * ticked with the mouse) does not swallow them, so "tick, tick, m" works; typing in a text field,
 * a select or an open dialog does. Space on a focused checkbox is left to the checkbox.
 */
export function useWorkspaceKeys(keys: KeyMap, isEnabled: boolean): void {
  const latest = useRef(keys);
  latest.current = keys;

  useEffect(() => {
    if (!isEnabled) {
      return;
    }
    function handleKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target && isTyping(target)) {
        return;
      }
      if (target?.closest('[role="dialog"]')) {
        return;
      }
      const isCheckbox = target instanceof HTMLInputElement && target.type === 'checkbox';
      if (event.key === ' ' && isCheckbox) {
        return;
      }
      if (event.key === 'Enter' && target && target !== document.body && !isCheckbox && target.matches('button, a, [role="button"], [role="tab"], [role="radio"]')) {
        return;
      }
      const run = latest.current[event.key];
      if (run) {
        event.preventDefault();
        run();
      }
    }
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  }, [isEnabled]);
}

function isTyping(element: HTMLElement): boolean {
  if (element.isContentEditable) {
    return true;
  }
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
    return true;
  }
  return element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type);
}
