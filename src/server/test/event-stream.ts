/** One server-sent event as it arrived: its `event:` name and its `data:` text. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

export interface EventStream {
  status: number;
  headers: Headers;
  /** The body of a refused request (a problem document); empty for an open stream. */
  body: string;
  /** Resolves with the first event (already received or arriving) that `matches`; rejects after `timeoutMs`. */
  waitFor(matches: (event: ServerSentEvent) => boolean, timeoutMs?: number): Promise<ServerSentEvent>;
  /** Every event received so far. */
  received(): ServerSentEvent[];
  /** Aborts the request, so the server drops its subscription. */
  close(): void;
}

/**
 * Opens `GET url` with fetch on a real port (an event stream never ends, so `inject` cannot
 * wait for it) and parses the events as they arrive. Always `close()` it: the app cannot shut
 * down while a stream is open.
 */
export async function openEventStream(url: string, cookieHeader: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { cookie: cookieHeader, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  const close = () => controller.abort();
  if (res.status !== 200 || !res.body) {
    const body = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body,
      waitFor: () => Promise.reject(new Error(`no stream: ${res.status}`)),
      received: () => events,
      close,
    };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) {
        return;
      }
      buffer += chunk.value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const lines = block.split('\n');
        const event = lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim();
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        if (event) {
          events.push({ event, data });
          waiters.forEach((wake) => wake());
        }
      }
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    body: '',
    received: () => [...events],
    close,
    waitFor(matches, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(matches);
          if (found) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
