import { randomBytes } from "node:crypto";
import type { EntryType, OaUser } from "./oa-users";

/** The events the simulator can post besides a text message. */
export const SIMULATED_EVENTS = [
  "follow",
  "unfollow",
  "user_send_image",
  "user_send_sticker",
  "user_send_location",
  "user_withdraw",
  "user_submit_info",
] as const;
type SimulatedEvent = (typeof SIMULATED_EVENTS)[number];

interface EventContext {
  appId: string;
  oaId: string;
  user: OaUser;
  at: number;
}

// `.invalid` never resolves (RFC 2606): these media links are obviously fake and fetch nothing.
const FAKE_MEDIA = "https://media.zalo-stand-in.invalid";

const newMsgId = () => randomBytes(16).toString("hex");

interface BuiltEvent {
  eventName: string;
  event: object;
  /** For events that carry a message: what goes into the conversation the OA API reads back. */
  said?: { msgId: string; type: EntryType; text: string };
}

/** The envelope shared by every `user_*` event, in the field order Zalo's examples show. */
function envelope({ appId, oaId, user, at }: EventContext, eventName: string) {
  return {
    app_id: appId,
    user_id_by_app: user.appUserId,
    event_name: eventName,
    timestamp: String(at),
    sender: { id: user.oaUserId },
    recipient: { id: oaId },
  };
}

export function textEvent(context: EventContext, text: string): BuiltEvent {
  const msgId = newMsgId();
  return {
    eventName: "user_send_text",
    event: { ...envelope(context, "user_send_text"), message: { text, msg_id: msgId } },
    said: { msgId, type: "text", text },
  };
}

function attachmentEvent(context: EventContext, eventName: SimulatedEvent, type: Exclude<EntryType, "text">, payload: object): BuiltEvent {
  const msgId = newMsgId();
  return {
    eventName,
    event: { ...envelope(context, eventName), message: { msg_id: msgId, attachments: [{ type, payload }] } },
    said: { msgId, type, text: "" },
  };
}

function followEvent({ appId, oaId, user, at }: EventContext, eventName: "follow" | "unfollow") {
  return {
    oa_id: oaId,
    follower: { id: user.oaUserId },
    user_id_by_app: user.appUserId,
    event_name: eventName,
    source: "oa_profile",
    app_id: appId,
    timestamp: String(at),
  };
}

export function simulatedEvent(context: EventContext, kind: SimulatedEvent): BuiltEvent {
  switch (kind) {
    case "follow":
    case "unfollow":
      return { eventName: kind, event: followEvent(context, kind) };
    case "user_send_image":
      return attachmentEvent(context, kind, "image", {
        url: `${FAKE_MEDIA}/image/sample.jpg`,
        thumbnail: `${FAKE_MEDIA}/image/sample-thumb.jpg`,
      });
    case "user_send_sticker":
      return attachmentEvent(context, kind, "sticker", { id: "demo-sticker", url: `${FAKE_MEDIA}/sticker/demo.png` });
    case "user_send_location":
      // A point in Buôn Ma Thuột; Zalo's example writes the coordinates as strings.
      return attachmentEvent(context, kind, "location", { coordinates: { latitude: "12.6667", longitude: "108.0500" } });
    case "user_withdraw":
      return { eventName: kind, event: envelope(context, kind) };
    case "user_submit_info":
      return {
        eventName: kind,
        // An invented number in Zalo's 84… form; the demo people have no real phone.
        event: {
          ...envelope(context, kind),
          info: { name: context.user.name, phone: 84912345678, address: "", city: "", district: "", ward: "" },
        },
      };
  }
}
