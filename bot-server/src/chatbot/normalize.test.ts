import { describe, expect, it } from "vitest";
import { editDistance, fold, foldedWords, hasDiacritics } from "./normalize";

describe("fold", () => {
  it.each([
    ["Cài VNeID thế nào?", "cai vneid the nao"],
    ["HỌC", "hoc"],
    ["Đăng nhập   Zalo!!", "dang nhap zalo"],
    ["  bị lừa, chuyển tiền 😭 ", "bi lua chuyen tien"],
    ["Wi-Fi 4G", "wi fi 4g"],
    ["ĐỪNG", "dung"],
    // Decomposed input (some phone keyboards) folds like precomposed.
    ["ho\u0323c", "hoc"],
    ["xoá / xóa", "xoa xoa"],
    ["🙂👍", ""],
  ])("%j → %j", (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it("splits into words, none for an empty or emoji-only text", () => {
    expect(foldedWords("Nhắc tôi lúc 7 giờ")).toEqual(["nhac", "toi", "luc", "7", "gio"]);
    expect(foldedWords(" ❤️ ")).toEqual([]);
  });
});

describe("hasDiacritics", () => {
  it.each([
    ["dừng", true],
    ["đúng", true],
    ["Đ", true],
    ["dung", false],
    ["HOC", false],
    ["ho\u0323c", true],
    // An emoji's variation selector is a combining mark, but not a Vietnamese one.
    ["ok ❤️", false],
  ])("%j → %s", (text, expected) => {
    expect(hasDiacritics(text)).toBe(expected);
  });
});

describe("editDistance", () => {
  it.each([
    ["menu", "menu", 0],
    ["toii", "toi", 1],
    ["nhac", "nhắc", 1],
    ["hcoc", "hocc", 1],
    ["abcd", "acbd", 1],
    ["mnue", "menu", 2],
    ["kitten", "sitting", 3],
  ])("%j ~ %j = %d", (a, b, distance) => {
    expect(editDistance(a, b, 5)).toBe(distance);
    expect(editDistance(b, a, 5)).toBe(distance);
  });

  it("stops at max + 1", () => {
    expect(editDistance("hoc", "question", 1)).toBe(2);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
    expect(editDistance("mnue", "menu", 1)).toBe(2);
  });
});
