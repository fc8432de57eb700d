import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { learners, oaOutbox } from "../db/schema";
import { enqueueMessages } from "./oa-outbox";
import { type OaSender, startOaSender } from "./oa-sender";
import { oaKit } from "./oa-test-kit";
import { createZnsClient } from "./zns-client";

let kit: Awaited<ReturnType<typeof oaKit>>;
let sender: OaSender | null = null;
beforeEach(async () => {
  kit = await oaKit();
});
afterEach(async () => {
  await sender?.stop();
  sender = null;
  await kit.close();
});

function start() {
  sender = startOaSender({
    db: kit.db,
    client: kit.client,
    tokens: kit.tokenSource(),
    pollMs: 10,
    backoff: { baseMs: 40, capMs: 400 },
    ratePerSecond: 1000,
    zns: createZnsClient({ baseUrl: kit.url, timeoutMs: 300 }),
  });
}

/** A resident a team signed up with a phone, and a ZNS reminder queued for them. */
function queueFor(phone: string | null) {
  const learner = kit.db.insert(learners).values({ displayName: "Bà Lan", phone, createdAt: new Date() }).returning().get();
  enqueueMessages(
    kit.db,
    [
      {
        dedupeKey: `campaign:1:${learner.id}`,
        recipientId: `learner:${learner.id}`,
        kind: "zns",
        message: { templateId: "tpl-1", data: { ten: "Bà Lan", bai_tiep: "Cài VNeID" } },
      },
    ],
    new Date(),
  );
}

async function settled() {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const rows = kit.db.select().from(oaOutbox).all();
    if (rows.every((r) => r.state === "sent" || r.state === "failed")) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("outbox not settled");
}

const znsSent = async () =>
  (await (await fetch(`${kit.url}/demo/zns/sent`)).json()) as { phone: string; template_data: Record<string, string> }[];

describe("ZNS reminders through the outbox", () => {
  it("sends the template to the phone read at sending time, once, and keeps no copy of the data", async () => {
    queueFor("0912345678");
    start();
    const [row] = await settled();
    expect(row).toMatchObject({ state: "sent", message: null });
    expect(await znsSent()).toEqual([
      expect.objectContaining({ phone: "84912345678", template_data: { ten: "Bà Lan", bai_tiep: "Cài VNeID" } }),
    ]);
  });

  it("never resends a ZNS whose fate is unknown (a paid message, and no conversation to check)", async () => {
    queueFor("0912345678");
    await kit.fault({ mode: "timeout", acceptThenHang: true, hangMs: 1000 });
    start();
    const [row] = await settled();
    expect(row).toMatchObject({ state: "failed", outcome: "zns_timeout" });
    expect(await znsSent()).toHaveLength(1);
  });

  it("gives up on a person whose phone is gone (data deleted) without calling Zalo", async () => {
    queueFor(null);
    start();
    const [row] = await settled();
    expect(row).toMatchObject({ state: "failed", outcome: "left" });
    expect(await znsSent()).toHaveLength(0);
  });
});
