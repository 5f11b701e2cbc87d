// GET /admin/live as a stream of rows: an EventSource (same-origin, so the session cookie goes
// with it), rows batched into the buffer and drawn once per animation frame.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorFromResponse } from '../../api/http';
import { adminApi } from '../api/admin-api';
import type { RequestRow } from '../api/types';
import { FrameTicker, LiveBuffer, RateMeter } from './live-buffer';
import { parseLiveRow } from './live-filter';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveStream {
  rows: readonly RequestRow[];
  state: LiveState;
  refusal: ApiError | null;
  paused: boolean;
  waiting: number;
  dropped: number;
  perMinute: number;
  pause: () => void;
  resume: () => void;
  clear: () => void;
}

/** When the stream closes for good, one plain request tells a refusal from a network fault. */
async function whyClosed(url: string): Promise<ApiError | null> {
  const controller = new AbortController();
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
    controller.abort();
    if (response.ok) return null;
    return await errorFromResponse(response);
  } catch {
    return null;
  }
}

export function useLiveStream(capacity = 500): LiveStream {
  const buffer = useRef(new LiveBuffer<RequestRow>(capacity)).current;
  const meter = useRef(new RateMeter()).current;
  const [, setVersion] = useState(0);
  const [state, setState] = useState<LiveState>('connecting');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [dropped, setDropped] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const ticker = useRef<FrameTicker | null>(null);

  useEffect(() => {
    ticker.current = new FrameTicker(() => {
      buffer.flush();
      setVersion((v) => v + 1);
    });
    return () => ticker.current?.stop();
  }, []);

  useEffect(() => {
    const url = adminApi.liveUrl({});
    const source = new EventSource(url);
    let closed = false;
    setState('connecting');
    source.onopen = () => setState('live');
    source.onmessage = (event: MessageEvent<string>) => {
      const row = parseLiveRow(event.data);
      if (!row) return;
      buffer.push(row);
      meter.mark(Date.now());
      ticker.current?.request();
    };
    source.addEventListener('dropped', (event) => {
      try {
        const count = Number(
          (JSON.parse((event as MessageEvent<string>).data) as { count?: unknown }).count,
        );
        if (count > 0) setDropped((n) => n + count);
      } catch {
        // A malformed notice changes nothing.
      }
    });
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on an HTTP error (401, 403): find out which, in words.
        void whyClosed(url).then((problem) => {
          if (closed) return;
          if (problem) {
            setRefusal(problem);
            setState('refused');
          } else {
            setState('reconnecting');
            setTimeout(() => !closed && setAttempt((n) => n + 1), 3000);
          }
        });
      } else {
        setState('reconnecting');
      }
    };
    return () => {
      closed = true;
      source.close();
    };
  }, [attempt]);

  // The rate decays while nothing arrives, so it is redrawn now and then.
  useEffect(() => {
    const id = setInterval(() => setVersion((v) => v + 1), 2000);
    return () => clearInterval(id);
  }, []);

  return {
    rows: buffer.rows(),
    state,
    refusal,
    paused: buffer.paused,
    waiting: buffer.waiting,
    dropped,
    perMinute: meter.perMinute(Date.now()),
    pause: () => {
      buffer.pause();
      setVersion((v) => v + 1);
    },
    resume: () => {
      buffer.resume();
      buffer.flush();
      setVersion((v) => v + 1);
    },
    clear: () => {
      buffer.clear();
      setDropped(0);
      setVersion((v) => v + 1);
    },
  };
}
