import type { OaButton, OaMessage } from "../zalo/oa-client";

/**
 * What the OA says, in one place so the wording can be reviewed with the commune. Short sentences and a
 * few buttons: many readers are older and type slowly, so every next step is also a button.
 */

const hide = (title: string, payload: string): OaButton => ({ type: "oa.query.hide", title, payload });
const open = (title: string, url: string): OaButton => ({ type: "oa.open.url", title, payload: { url } });

export const buttons = {
  learn: hide("Học bài tiếp", "#learn"),
  ask: hide("Hỏi một câu", "#ask"),
  remind: hide("Nhắc tôi học", "#remind"),
  stop: hide("Dừng nhắc", "#stop"),
  menu: hide("Xem menu", "#menu"),
  app: (url: string) => open("Mở ứng dụng học", url),
  lessonInApp: (url: string) => open("Đọc bài trong ứng dụng", url),
  readLesson: (lessonId: string) => hide("Học bài này ngay", `#read:${lessonId}:0`),
  readMore: (lessonId: string, part: number) => hide("Đọc tiếp", `#read:${lessonId}:${part}`),
  quiz: (lessonId: string) => hide("Làm bài kiểm tra", `#quiz:${lessonId}`),
};

export function menu(appUrl: string): OaMessage {
  return {
    text: "Bạn muốn làm gì? Bấm một nút bên dưới, hoặc gõ: “học”, “nhắc tôi”, “dừng”, hay gõ câu hỏi của bạn (ví dụ: cài VNeID thế nào).",
    buttons: [buttons.learn, buttons.ask, buttons.remind, buttons.stop, buttons.app(appUrl)],
  };
}

export function greeting(known: boolean): OaMessage {
  return {
    text: known
      ? "Chào mừng bạn trở lại với Học Vụ Số! Kết quả học trong ứng dụng và trong Zalo là một, bạn học tiếp ở đâu cũng được."
      : "Chào bạn! Đây là Học Vụ Số của xã: học kỹ năng số qua những bài ngắn 2–4 phút ngay trong Zalo — cài VNeID, dịch vụ công trực tuyến, thanh toán an toàn, phòng chống lừa đảo.",
  };
}

export const consentQuestion: OaMessage = {
  text:
    "Để lưu bài đã học, kết quả bài kiểm tra và cấp chứng nhận, Học Vụ Số cần lưu: thôn bạn ở và kết quả học của bạn (gắn với tài khoản Zalo này). " +
    "Chúng tôi không lưu số điện thoại. Chỉ Tổ công nghệ số cộng đồng của thôn (để giúp và nhắc bạn học) và cán bộ xã phụ trách được xem; không chia sẻ cho ai khác. " +
    "Bạn có thể xóa dữ liệu bất cứ lúc nào bằng cách gõ “xóa dữ liệu”.\n\nBạn có đồng ý không?",
  buttons: [hide("Đồng ý", "#consent:yes"), hide("Không đồng ý", "#consent:no")],
};

export const consentDeclined: OaMessage = {
  text: "Không sao. Học Vụ Số sẽ không lưu gì về bạn. Bạn vẫn có thể gõ câu hỏi để tìm bài học phù hợp. Khi nào muốn học và lưu kết quả, gõ “học”.",
};

export function villageQuestion(choices: { id: number; name: string }[], typed: boolean): OaMessage {
  const lead = typed ? "Mình chưa tìm thấy thôn đó." : "Bạn đang sống ở thôn (làng, bản, ấp) nào?";
  return choices.length > 0
    ? { text: `${lead} Bấm tên thôn của bạn bên dưới, hoặc gõ tên thôn.`, buttons: choices.map((v) => hide(v.name, `#village:${v.id}`)) }
    : { text: `${lead} Bạn gõ tên thôn giúp mình nhé (ví dụ: Đồng Tâm).` };
}

export const villageSaved = (name: string): OaMessage => ({ text: `Đã ghi nhận: ${name}. Cảm ơn bạn!` });

export const askPrompt: OaMessage = {
  text: "Bạn gõ câu hỏi của mình, ví dụ: “cài VNeID thế nào”, “bị lừa chuyển tiền phải làm gì”, “nộp hồ sơ trực tuyến”. Mình sẽ tìm trong các bài học.",
};

export function answerFromLesson(
  hit: { lessonTitle: string; courseTitle: string; excerpt: string; lessonId: string },
  lessonUrl: string,
): OaMessage {
  return {
    text: `Bài “${hit.lessonTitle}” (khóa ${hit.courseTitle}) có nói về điều này:\n\n${hit.excerpt}\n\nBạn có thể học cả bài ngay trong Zalo hoặc đọc trong ứng dụng.`,
    buttons: [buttons.readLesson(hit.lessonId), buttons.lessonInApp(lessonUrl), buttons.menu],
  };
}

export function noAnswer(villageName: string | null): OaMessage {
  const team = villageName ? `Tổ công nghệ số cộng đồng ở ${villageName}` : "Tổ công nghệ số cộng đồng ở thôn của bạn";
  return {
    text: `Xin lỗi, mình chưa có bài học nào trả lời câu này, nên không dám trả lời bừa. Bạn có thể hỏi ${team} — các thành viên sẵn lòng giúp trực tiếp — hoặc xem menu bên dưới.`,
    buttons: [buttons.learn, buttons.ask, buttons.menu],
  };
}

export const notText: OaMessage = {
  text: "Cảm ơn bạn! Mình chỉ đọc được tin nhắn chữ. Gõ “học” để học bài tiếp, hoặc gõ câu hỏi của bạn.",
  buttons: [buttons.learn, buttons.menu],
};

export const infoNotKept: OaMessage = {
  text: "Cảm ơn bạn. Học Vụ Số không cần số điện thoại hay địa chỉ của bạn, nên không lưu các thông tin này.",
};

export function remindTimeQuestion(): OaMessage {
  return {
    text: "Bạn muốn được nhắc học lúc mấy giờ mỗi ngày? Bấm một giờ bên dưới, hoặc gõ, ví dụ: “nhắc tôi 19 giờ”.",
    buttons: [
      hide("7 giờ sáng", "#remind:420"),
      hide("12 giờ trưa", "#remind:720"),
      hide("19 giờ tối", "#remind:1140"),
      hide("20 giờ tối", "#remind:1200"),
    ],
  };
}

export const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export function remindSet(minute: number): OaMessage {
  return {
    text:
      `Đã hẹn: mỗi ngày lúc ${clock(minute)} mình sẽ nhắc bạn học một bài ngắn. Gõ “dừng” khi muốn thôi nhắc.\n\n` +
      "Lưu ý: Zalo chỉ cho OA nhắn bạn trong 7 ngày kể từ lần cuối bạn nhắn hay bấm nút. Hãy học hoặc nhắn OA thường xuyên để không lỡ lời nhắc.",
    buttons: [buttons.learn, buttons.stop],
  };
}

export const remindQuietHours = (from: number, to: number): OaMessage => ({
  text: `Mình chỉ nhắn nhắc học từ ${clock(to)} đến ${clock(from)} để không làm phiền bạn nghỉ ngơi. Bạn chọn giờ khác giúp mình nhé.`,
  buttons: remindTimeQuestion().buttons,
});

export const remindersStopped: OaMessage = {
  text: "Đã dừng nhắc học. Khi nào muốn được nhắc lại, bạn gõ “nhắc tôi”.",
  buttons: [buttons.remind, buttons.menu],
};

export const alreadyStopped: OaMessage = {
  text: "Mình đã dừng nhắc học cho bạn rồi, sẽ không nhắn nhắc nữa. Gõ “nhắc tôi” nếu muốn được nhắc lại.",
  buttons: [buttons.remind, buttons.menu],
};

export function reminder(lessonTitle: string | null, minutes: number | null): OaMessage {
  return {
    text: lessonTitle
      ? `Đến giờ học rồi! Bài tiếp theo của bạn: “${lessonTitle}”${minutes ? `, chỉ khoảng ${minutes} phút` : ""}.`
      : "Đến giờ học rồi! Bạn đã học hết các bài — gõ “học” để ôn lại hoặc làm bài kiểm tra cuối khóa.",
    buttons: [buttons.learn, buttons.stop],
  };
}

export const allDone: OaMessage = {
  text: "Bạn đã học hết các bài và đạt tất cả bài kiểm tra. Xin chúc mừng! Bạn có thể xem chứng nhận trong ứng dụng.",
  buttons: [buttons.menu],
};

export const myData: OaMessage = {
  text:
    "Học Vụ Số lưu về bạn: thôn bạn ở, các bài đã học, kết quả kiểm tra và chứng nhận. Bạn xem đầy đủ trong ứng dụng, mục “Dữ liệu của tôi”.\n\n" +
    "Muốn xóa hết dữ liệu của bạn? Bấm “Xóa dữ liệu của tôi”. Số liệu thống kê chung của xã vẫn giữ, nhưng không còn gắn với bạn.",
  buttons: [hide("Xóa dữ liệu của tôi", "#forget"), buttons.menu],
};

export const forgetConfirm: OaMessage = {
  text: "Bạn chắc chắn muốn xóa dữ liệu của mình? Việc này không hoàn tác được: tên trên chứng nhận và kết quả học sẽ không còn gắn với bạn.",
  buttons: [hide("Có, xóa hết", "#forget:yes"), hide("Không xóa", "#menu")],
};

export const forgotten: OaMessage = {
  text: "Đã xóa dữ liệu của bạn. Nếu muốn học lại từ đầu, gõ “học”.",
};

export const nothingToForget: OaMessage = { text: "Học Vụ Số không lưu dữ liệu nào về bạn." };

export const staleButton: OaMessage = { text: "Nút này thuộc một câu hỏi cũ. Đây là câu bạn đang làm:" };

export const nameQuestion: OaMessage = {
  text: "Bạn đã đạt bài kiểm tra cuối khóa! Để in lên chứng nhận, bạn gõ họ và tên của mình (ví dụ: Nguyễn Văn An).",
};

export const nameInvalid: OaMessage = {
  text: "Mình chưa đọc được họ tên này. Bạn gõ lại họ và tên bằng chữ, ví dụ: Nguyễn Văn An.",
};

export const nameSaved = (name: string): OaMessage => ({
  text: `Đã ghi tên “${name}”. Chứng nhận sẽ được cấp khi bạn hoàn thành đủ các khóa của chương trình.`,
  buttons: [buttons.learn, buttons.menu],
});
