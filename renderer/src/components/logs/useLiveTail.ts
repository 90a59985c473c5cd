import { useEffect, useState } from 'react';
import { LOG_STREAM_URL } from '../../api/client';
import type { LogEntry } from '../../api/types';

/** The rows that arrived while `live` (the newest 500), and whether the stream failed. */
export function useLiveTail(live: boolean) {
  const [tail, setTail] = useState<LogEntry[]>([]);
  const [liveError, setLiveError] = useState(false);
  // Live tail over SSE (proposed GET /api/logs/stream): new rows are prepended.
  useEffect(() => {
    if (!live) return;
    setLiveError(false);
    const es = new EventSource(LOG_STREAM_URL, { withCredentials: true });
    es.addEventListener('log', (ev) => {
      try {
        const entry = JSON.parse((ev as MessageEvent<string>).data) as LogEntry;
        setTail((rows) => [entry, ...rows].slice(0, 500));
      } catch {}
    });
    es.onerror = () => setLiveError(true);
    return () => es.close();
  }, [live]);
  return { tail, setTail, liveError };
}
