import { apiJson } from "./resident";

/** A message in the stand-in's copy of a conversation: src 0 is the OA, 1 the resident. */
export interface ChatEntry {
  src: 0 | 1;
  time: number;
  text: string;
  hidden?: boolean;
  buttons?: { title: string; type: string; payload: string | { url: string } }[];
}

export interface Delivery {
  delivered: boolean;
  status: number;
  body: string;
  signature: string;
}

/**
 * A resident chatting with the OA through the Zalo stand-in's simulator: what they do becomes a signed
 * webhook event posted to the bot-server, and the OA's replies land in the stand-in's conversation.
 */
export function chatAs(standInUrl: string, userId: string) {
  const send = (body: object) => apiJson<Delivery>(`${standInUrl}/demo/chat/send`, { method: "POST", body: { userId, ...body } });
  const conversation = () => apiJson<ChatEntry[]>(`${standInUrl}/demo/chat/messages?userId=${userId}`);
  const fromOa = async () => (await conversation()).filter((m) => m.src === 0);

  /** Waits until the OA has sent `count` messages in all, and a moment more in case it sends extra. */
  async function oaMessages(count: number, timeoutMs = 20_000): Promise<ChatEntry[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const messages = await fromOa();
      if (messages.length >= count) {
        await new Promise((r) => setTimeout(r, 300));
        return fromOa();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the OA sent ${(await fromOa()).length} messages, expected ${count}: ${JSON.stringify(await fromOa(), null, 1)}`);
  }

  /** Sends, then returns the OA's replies to it (`expected` of them). */
  async function exchange(body: object, expected: number): Promise<ChatEntry[]> {
    const before = (await fromOa()).length;
    const delivery = await send(body);
    if (!delivery.delivered) throw new Error(`webhook did not take the event: ${JSON.stringify(delivery)}`);
    return (await oaMessages(before + expected)).slice(before);
  }

  return {
    send,
    conversation,
    fromOa,
    oaMessages,
    say: (text: string, expected = 1) => exchange({ text }, expected),
    event: (event: string, expected = 1) => exchange({ event }, expected),
    /** Taps a button the OA sent (a hidden query, as Zalo sends it back). */
    tap: (message: ChatEntry | undefined, title: string | RegExp, expected = 1) => {
      const button = message?.buttons?.find((b) => (typeof title === "string" ? b.title === title : title.test(b.title)));
      if (!button || typeof button.payload !== "string") throw new Error(`no button "${title}" on ${JSON.stringify(message)}`);
      return exchange({ text: button.payload, hidden: true }, expected);
    },
  };
}
