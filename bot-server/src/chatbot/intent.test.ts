import { describe, expect, it } from "vitest";
import { type Intent, readIntent } from "./intent";

const cases = (intent: Intent, texts: string[]) => texts.map((text) => [text, intent] as const);

describe("readIntent", () => {
  it.each([
    ...cases({ kind: "menu" }, ["menu", "MENU", "Hi", "hello", "chào", "Chào bạn 😊", "xin chào ạ", "Alo", "alo alo", "bắt đầu"]),
    ...cases({ kind: "menu" }, ["bat dau", "start", "giúp", "giúp tôi với", "hướng dẫn", "huong dan", "help", "?", "???", "0"]),
    // Only fillers ("bạn ơi", and "ba": bà, never the letters B+A) is someone calling the bot.
    ...cases({ kind: "menu" }, ["mnue", "Menuu", "bạn ơi", "ba"]),
    ...cases({ kind: "learn" }, ["học", "hoc", "HỌC", "Học.", "hok", "hocj", "hocc", "học tiếp", "hoc tiep", "học bài", "bài học"]),
    ...cases({ kind: "learn" }, ["học đi", "1", "1️⃣", "tiếp tục học", "tiếp tục", "học tiếp đi bạn", "cho tôi học", "tôi muốn học"]),
    ...cases({ kind: "learn" }, ["  HỌC   TIẾP  ", "học 📚", "Con muốn học bài tiếp theo ạ", "tiếp đi", "bài tiếp", "h ọc"]),
    ...cases({ kind: "remind", hour: null, minute: 0 }, ["nhắc tôi", "nhac toi", "Nhắc học", "nhac toii", "nhắc tôi với nhé"]),
    ...cases({ kind: "remind", hour: null, minute: 0 }, ["hẹn giờ học", "nhắc tôi 25 giờ"]),
    ...cases({ kind: "remind", hour: 7, minute: 0 }, ["nhắc tôi lúc 7 giờ", "nhac toi luc 7 gio", "7h sáng", "nhắc tôi 7", "Lúc 7h"]),
    ...cases({ kind: "remind", hour: 7, minute: 0 }, ["nhắc tôi học lúc 7 giờ sáng mỗi ngày", "sáng 7h", "7 g"]),
    ...cases({ kind: "remind", hour: 19, minute: 30 }, ["nhac toi 19h30", "nhắc tôi 19:30", "7 giờ 30 tối", "7 giờ rưỡi tối"]),
    ...cases({ kind: "remind", hour: 19, minute: 30 }, ["19h30p", "hẹn giờ học 19 giờ 30 phút"]),
    ...cases({ kind: "remind", hour: 20, minute: 0 }, ["nhắc tôi 8 giờ tối", "nhac toi 8 gio toi", "tối 8 giờ", "8h tối nay nhé"]),
    ...cases({ kind: "remind", hour: 20, minute: 0 }, ["nhắc tôi buổi tối 8 giờ", "20h", "học lúc 20h"]),
    ...cases({ kind: "remind", hour: 12, minute: 0 }, ["12 giờ trưa"]),
    ...cases({ kind: "remind", hour: 13, minute: 0 }, ["1 giờ trưa", "1 giờ chiều"]),
    ...cases({ kind: "remind", hour: 21, minute: 0 }, ["9 giờ tối", "9 gio toi", "nhắc tôi lúc 9h tối nay nhé"]),
    ...cases({ kind: "remind", hour: 22, minute: 0 }, ["10 giờ đêm"]),
    ...cases({ kind: "remind", hour: 0, minute: 0 }, ["12 giờ đêm"]),
    ...cases({ kind: "remind", hour: 6, minute: 15 }, ["nhắc tôi lúc 6:15", "6.15 sáng", "6h15"]),
    ...cases({ kind: "remind", hour: 7, minute: 45 }, ["8 giờ kém 15", "nhắc tôi 8h kém 15 sáng"]),
    // "tôi" right after the time is still "me", not "tối".
    ...cases({ kind: "remind", hour: 8, minute: 0 }, ["nhắc tôi 8 giờ", "nhac toi 8 gio", "nhắc 8 giờ tôi nhé"]),
    ...cases({ kind: "stop" }, ["dừng", "Dừng", "DỪNG", "dừng lại", "dung lai", "ngừng", "ngung", "thôi", "thôi nhắc", "thoi nhac"]),
    ...cases({ kind: "stop" }, ["hủy nhắc", "huy nhac", "tắt nhắc", "tat nhac nho", "stop", "STOP", "dừng nhắc", "dung nhac"]),
    ...cases({ kind: "stop" }, ["đừng nhắc nữa", "không nhắc nữa", "ko nhắc nữa", "thôi, không nhắc nữa nhé"]),
    ...cases({ kind: "stop", ambiguousWithTrue: true }, ["dung", "Dung", "DUNG", "dung a", "dung dung", "d ung"]),
    ...cases({ kind: "letters", letters: ["A"] }, ["A", "a", "a.", "A ạ", "chọn a", "câu a"]),
    ...cases({ kind: "letters", letters: ["B"] }, ["b", "B", "đáp án B", "dap an b", "chọn b", "Tôi chọn đáp án b", "  b  "]),
    ...cases({ kind: "letters", letters: ["A", "C"] }, ["a c", "A,C", "A, C", "ac", "AC", "c a", "c, a", "a và c", "đáp án: A và C ạ"]),
    ...cases({ kind: "letters", letters: ["A", "C"] }, ["a c c", "A;C"]),
    ...cases({ kind: "letters", letters: ["B", "D", "E"] }, ["b d e", "bde", "e,b,d"]),
    ...cases({ kind: "truth", value: true }, ["đúng", "Đúng", "ĐÚNG", "đúng rồi", "Đúng rồi ạ", "dung roi", "đ úng", "dúng", "Đ"]),
    ...cases({ kind: "truth", value: true }, ["chính xác", "không sai"]),
    ...cases({ kind: "truth", value: false }, ["sai", "Sai", "SAI", "sai rồi", "sai ạ", "không đúng", "khong dung", "ko đúng"]),
    ...cases({ kind: "truth", value: false }, ["k đúng", "chưa đúng", "S", "s"]),
    ...cases({ kind: "yes" }, ["có", "co", "Có ạ", "đồng ý", "dong y", "ok", "OK", "oke", "okay", "ừ", "vâng", "vang", "ừm"]),
    ...cases({ kind: "yes" }, ["dạ", "dạ vâng", "được", "dc", "ok ok", "👍"]),
    ...cases({ kind: "no" }, ["không", "khong", "KHÔNG", "ko", "k", "K", "không ạ", "không đồng ý", "khong dong y", "không muốn"]),
    ...cases({ kind: "no" }, ["chưa", "khongg", "không cần"]),
    ...cases({ kind: "my_data" }, ["dữ liệu của tôi", "xóa dữ liệu", "xoá dữ liệu", "xoa du lieu", "xóa tài khoản", "XÓA TÀI KHOẢN"]),
    ...cases({ kind: "my_data" }, ["tôi muốn xóa dữ liệu của tôi", "xóa dữ liệu của mình nhé", "xem dữ liệu của tôi"]),
    ...cases({ kind: "empty" }, ["", "   ", "❤️", "😊😊", "..."]),
  ])("%j", (text, intent) => {
    expect(readIntent(text)).toEqual(intent);
  });

  it.each([
    ["#ans:3f2c:q1:a", "ans", ["3f2c", "q1", "a"]],
    ["#MENU", "menu", []],
    [" #learn:cai-dat-vneid ", "learn", ["cai-dat-vneid"]],
    ["#ans:3f2c::", "ans", ["3f2c", "", ""]],
  ])("payload %j", (text, command, args) => {
    expect(readIntent(text)).toEqual({ kind: "payload", command, args });
  });

  it.each([
    "học cài vneid thế nào",
    "hoc cai vneid the nao",
    "cài vneid thế nào",
    "bị lừa chuyển tiền phải làm gì",
    "hoi",
    "tôi muốn hỏi",
    "ca",
    "bài 7",
    "đúng không",
    "dụng",
    "làm sao xóa dữ liệu trên điện thoại",
    "nhắc tôi cách cài zalo",
    "dữ liệu di động là gì",
    "thôi không học nữa đâu",
    "#hashtag có dấu cách",
    "stat",
    "con mèo bay lên trời",
  ])("%j is a question, for the search", (text) => {
    expect(readIntent(text)).toEqual({ kind: "question", text });
  });

  it("keeps the question as typed, diacritics and all", () => {
    expect(readIntent("  Bị lừa chuyển tiền phải làm gì?  ")).toEqual({ kind: "question", text: "Bị lừa chuyển tiền phải làm gì?" });
  });
});
