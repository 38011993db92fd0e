import { useEffect, useRef } from 'react';

interface Shortcuts {
  save: () => void;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  enabled: boolean;
}

/** Typing in a field keeps the browser's own undo, copy and paste. */
function isEditingText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl/⌘+S save (anywhere), Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo / redo, Ctrl+C / Ctrl+V copy / paste elements. */
export function useKeyboardShortcuts(shortcuts: Shortcuts) {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const current = latest.current;
      if (key === 's') {
        event.preventDefault();
        if (current.enabled) current.save();
        return;
      }
      if (!current.enabled || isEditingText(event.target)) return;
      // A dialog is open: the canvas is not what the keys are for.
      if (document.querySelector('dialog[open]')) return;
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        current.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        current.redo();
      } else if (key === 'c' && !window.getSelection()?.toString()) {
        current.copy();
      } else if (key === 'v') {
        event.preventDefault();
        current.paste();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
