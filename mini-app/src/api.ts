import type { ErrorBody } from "@hvs/shared/api";
import { API_URL } from "./config";

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const OFFLINE = "Không kết nối được máy chủ. Hãy kiểm tra mạng (wifi hoặc 3G/4G) rồi thử lại.";
const SERVER_TROUBLE = "Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.";

type Listener = (reachable: boolean) => void;
const listeners = new Set<Listener>();

/**
 * Hears whether the last request reached our server. That, not `navigator.onLine` (which says only that
 * some network is up), is what "offline" means to a learner.
 */
export function onReachability(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const report = (reachable: boolean) => {
  for (const listener of listeners) listener(reachable);
};

export interface ApiOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  /** How long to wait for an answer; a weak signal must end in a message, never an endless spinner. */
  timeoutMs?: number;
}

/** One request to our API. Every failure becomes an ApiError with a Vietnamese message a person can act on. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(`${API_URL}${path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
  } catch {
    report(false);
    throw new ApiError("NETWORK", OFFLINE, 0);
  }
  report(true);
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    // Our server always answers errors as {code, message}; anything else came from a proxy in between.
    const error = data as Partial<ErrorBody> | null;
    throw new ApiError(error?.code ?? "HTTP", error?.message ?? SERVER_TROUBLE, response.status);
  }
  if (data === null) throw new ApiError("HTTP", SERVER_TROUBLE, response.status);
  return data as T;
}
