// Zalo wants the webhook's answer within 2 s; waiting a little longer still tells a slow server from a dead one.
const POST_TIMEOUT_MS = 5000;

interface Delivery {
  /** Zalo counts only HTTP 200 as received. */
  delivered: boolean;
  /** 0 when nothing answered: no webhook URL, connection refused, or too slow. */
  status: number;
}

/**
 * Posts a signed event as Zalo does. A redelivery sends the identical body and signature with a
 * `num_retry` header, which is how Zalo retries after a failed connection.
 */
export async function postEvent(url: string | undefined, body: string, signature: string, numRetry?: number): Promise<Delivery> {
  if (!url) return { delivered: false, status: 0 };
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-ZEvent-Signature": signature,
        ...(numRetry === undefined ? {} : { num_retry: String(numRetry) }),
      },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { delivered: response.status === 200, status: response.status };
  } catch {
    return { delivered: false, status: 0 };
  }
}
