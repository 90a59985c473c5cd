import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { move } from '../../lib/format';

/**
 * Reordering a list of steps with the mouse (drag a row) or the keyboard (Alt+↑ / Alt+↓, Delete
 * on a focused row): moves are announced, and a keyboard move keeps the focus on the moved row.
 */
export function useStepReorder(steps: string[], onChange: (s: string[]) => void) {
  const { t } = useTranslation();
  const rows = useRef<Array<HTMLLIElement | null>>([]);
  const [focusIndex, setFocusIndex] = useState<number>();
  const [announce, setAnnounce] = useState('');
  const [dragFrom, setDragFrom] = useState<number>();
  const [dragOver, setDragOver] = useState<number>();

  useEffect(() => {
    if (focusIndex !== undefined) rows.current[focusIndex]?.focus();
  }, [focusIndex, steps]);

  const moveTo = (from: number, to: number, keepFocus: boolean) => {
    if (to < 0 || to >= steps.length || from === to) return;
    onChange(move(steps, from, to));
    setAnnounce(t('combos.moved', { step: steps[from], position: to + 1, total: steps.length }));
    setFocusIndex(keepFocus ? to : undefined);
  };
  const remove = (i: number) => onChange(steps.filter((_, j) => j !== i));

  const onKey = (i: number) => (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && e.key === 'ArrowUp') {
      e.preventDefault();
      moveTo(i, i - 1, true);
    } else if (e.altKey && e.key === 'ArrowDown') {
      e.preventDefault();
      moveTo(i, i + 1, true);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      remove(i);
      setFocusIndex(Math.min(i, steps.length - 2));
    }
  };

  /** The handlers of row `i`: its keys, and dragging it onto another row. */
  const rowHandlers = (i: number) => ({
    onKeyDown: onKey(i),
    onDragStart: (e: DragEvent<HTMLLIElement>) => {
      setDragFrom(i);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', String(i));
    },
    onDragOver: (e: DragEvent<HTMLLIElement>) => {
      e.preventDefault();
      setDragOver(i);
    },
    onDragLeave: () => setDragOver(undefined),
    onDrop: (e: DragEvent<HTMLLIElement>) => {
      e.preventDefault();
      const from = dragFrom ?? Number(e.dataTransfer.getData('text/plain'));
      setDragOver(undefined);
      setDragFrom(undefined);
      moveTo(from, i, false);
    },
    onDragEnd: () => {
      setDragOver(undefined);
      setDragFrom(undefined);
    },
  });
  const rowRef = (i: number) => (el: HTMLLIElement | null) => {
    rows.current[i] = el;
  };

  return { announce, dragOver, moveTo, remove, rowHandlers, rowRef };
}
