import type { z } from 'zod';
import { ApiError, networkError, toApiError } from '../../../api/api-error';

/**
 * The HTTP transport of the reconciliation and bank-account pages. It follows `api/client.ts`:
 * the answer is parsed with the shared zod schema, state-changing requests echo the CSRF token,
 * and failures throw an ApiError with the server's problem document. Uploads go through
 * XMLHttpRequest so that a large statement file can show how much of it has been sent.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | undefined | null;

export interface ApiRequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  query?: Record<string, QueryValue>;
  schema?: S;
}

type Parsed<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

export async function apiRequest<S extends z.ZodType | undefined = undefined>(method: Method, path: string, options: ApiRequestOptions<S> = {}): Promise<Parsed<S>> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...csrfHeader(method),
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(options.query)}`, init);
  } catch {
    throw networkError(); // fetch rejects only when the network fails; the caller shows the message
  }
  const text = await response.text();
  return readAnswer(response.status, response.ok, text, options.schema);
}

export interface UploadOptions<S extends z.ZodType> {
  /** Text fields, sent before the file so the server reads them first. */
  fields: Record<string, string | undefined>;
  file: File;
  schema: S;
  /** Bytes sent so far and the total, while the file goes up. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/** Sends `file` as multipart/form-data (field `file`) with the text fields before it. */
export function apiUpload<S extends z.ZodType>(path: string, options: UploadOptions<S>): Promise<z.output<S>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields)) {
    if (value !== undefined) {
      form.append(name, value);
    }
  }
  form.append('file', options.file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader('POST'))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        options.onProgress?.(event.loaded, event.total);
      }
    };
    xhr.onload = () => {
      try {
        resolve(readAnswer(xhr.status, xhr.status >= 200 && xhr.status < 300, xhr.responseText, options.schema) as z.output<S>); // S is a schema here, so the answer is parsed
      } catch (error) {
        reject(error instanceof Error ? error : networkError());
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** Where the browser downloads a file of the API (a plain link: the session cookie authenticates it). */
export function apiUrl(path: string): string {
  return `/api${path}`;
}

export function segment(value: string): string {
  return encodeURIComponent(value);
}

function readAnswer<S extends z.ZodType | undefined>(status: number, ok: boolean, text: string, schema: S | undefined): Parsed<S> {
  const body: unknown = text === '' ? undefined : safeJson(text);
  if (!ok) {
    throw toApiError(status, body);
  }
  if (!schema) {
    return undefined as Parsed<S>; // no schema: the endpoint answers 204
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status,
      code: 'unexpected_response',
      detail: 'The server answered in a form this page does not understand. Reload the page to get the latest version.',
      errors: [],
    });
  }
  return parsed.data as Parsed<S>; // parsed by the schema S
}

function csrfHeader(method: Method): Record<string, string> {
  if (method === 'GET') {
    return {};
  }
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('tm_csrf='));
  return cookie ? { 'x-csrf-token': decodeURIComponent(cookie.slice('tm_csrf='.length)) } : {};
}

function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // a non-JSON body (a proxy's error page) is treated as no problem document
  }
}
