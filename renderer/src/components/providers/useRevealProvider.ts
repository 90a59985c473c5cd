import { useEffect, useState } from 'react';

/**
 * Brings a provider row into view once it is rendered and focuses its head (a plan route's
 * "Open …"): the row may only appear after the filter is cleared and the panel opened.
 */
export function useRevealProvider() {
  const [reveal, setReveal] = useState<{ id: string }>();
  useEffect(() => {
    if (!reveal) return;
    const row = [...document.querySelectorAll<HTMLElement>('[data-provider]')].find(
      (el) => el.dataset.provider === reveal.id,
    );
    row?.scrollIntoView({ block: 'start' });
    row?.querySelector<HTMLElement>('.provider-head')?.focus();
  }, [reveal]);
  return (id: string) => setReveal({ id });
}
