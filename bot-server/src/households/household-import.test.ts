import { describe, expect, it } from "vitest";
import { parseCsv } from "../reports/csv";
import { readHouseholdSheet } from "./household-import";

const VILLAGES = [
  { id: 1, name: "Thôn Đồng Tâm" },
  { id: 2, name: "Làng Ia Broăi" },
];
const KNOWN = [
  { id: 10, villageId: 1, label: "Hộ ông Pành" },
  { id: 11, villageId: 2, label: "Hộ bà H'Lan" },
];

const read = (csv: string) => readHouseholdSheet(parseCsv(csv), VILLAGES, KNOWN);

describe("readHouseholdSheet", () => {
  it("matches the headers in any order, with ';' and village names without case or diacritics", () => {
    const csv =
      "\uFEFFCó điện thoại thông minh (Có/Không);Tên hộ;Thôn;Mã hộ\r\nCó;Hộ ông Pành, đội 3;thon dong tam;10\r\nx;Hộ bà Mơ;LÀNG IA BROĂI;\r\n0;Hộ ông Tư;Thôn Đồng Tâm;\r\nKhông;Hộ bà Năm;lang ia broai;\r\n";
    expect(read(csv)).toEqual({
      ok: true,
      entries: [
        { id: 10, villageId: 1, label: "Hộ ông Pành, đội 3", hasSmartphone: true },
        { id: null, villageId: 2, label: "Hộ bà Mơ", hasSmartphone: true },
        { id: null, villageId: 1, label: "Hộ ông Tư", hasSmartphone: false },
        { id: null, villageId: 2, label: "Hộ bà Năm", hasSmartphone: false },
      ],
    });
  });

  it("works without the code column (every row is new) and ignores the exported extra columns", () => {
    const csv = "Thôn,Tên hộ,Có điện thoại thông minh,Số thành viên,Đạt chỉ tiêu\r\nThôn Đồng Tâm,Hộ ông Sáu,1,3,Đạt\r\n\r\n";
    expect(read(csv)).toEqual({ ok: true, entries: [{ id: null, villageId: 1, label: "Hộ ông Sáu", hasSmartphone: true }] });
  });

  it("lists every problem by line in Vietnamese and returns no entry", () => {
    const csv = [
      "Mã hộ,Thôn,Tên hộ,Có điện thoại thông minh",
      "10,Thôn Đồng Tâm,Hộ ông Pành,Có",
      "99,Thôn Đồng Tâm,Hộ lạ,Có",
      "11,Thôn Đồng Tâm,Hộ bà H'Lan,Có",
      ",Thôn Mới,Hộ ông Bảy,Có",
      ",Thôn Đồng Tâm,H,Có",
      ",Thôn Đồng Tâm,Hộ ông Tám,có lẽ",
      ",Thôn Đồng Tâm,Hộ ông Pành,Không",
      "10,Thôn Đồng Tâm,Hộ ông Pành,Không",
      ",Làng Ia Broăi,Hộ bà Chín,Có",
      ",Làng Ia Broăi,hộ bà chín,Có",
    ].join("\r\n");
    const result = read(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      "Dòng 3: không có hộ mã \u201c99\u201d trong danh sách của xã.",
      "Dòng 4: hộ mã 11 thuộc Làng Ia Broăi, không phải Thôn Đồng Tâm (muốn chuyển thôn, hãy xóa hộ ở thôn cũ và thêm ở thôn mới).",
      "Dòng 5: không có thôn \u201cThôn Mới\u201d trong xã.",
      "Dòng 6: Hãy nhập tên hộ, ví dụ: Hộ ông Pành.",
      "Dòng 7: cột \u201cCó điện thoại thông minh\u201d ghi \u201ccó lẽ\u201d; hãy ghi Có hoặc Không.",
      "Dòng 8: trùng tên hộ và thôn với dòng 2.",
      "Dòng 8: Thôn Đồng Tâm đã có hộ \u201cHộ ông Pành\u201d (mã 10); ghi mã hộ để sửa hộ đó, hoặc đặt tên khác.",
      "Dòng 9: trùng mã hộ với dòng 2.",
      "Dòng 9: trùng tên hộ và thôn với dòng 8.",
      "Dòng 11: trùng tên hộ và thôn với dòng 10.",
    ]);
  });

  it("names the columns it needs when the header is not there, and refuses an empty file", () => {
    const noHeader = read("Hộ ông Pành,Thôn Đồng Tâm,Có\r\n");
    expect(noHeader).toEqual({
      ok: false,
      problems: [
        "Dòng 1 phải là tiêu đề có các cột \u201cThôn\u201d, \u201cTên hộ\u201d, \u201cCó điện thoại thông minh\u201d (và cột \u201cMã hộ\u201d để sửa hộ đã có).",
      ],
    });
    expect(read("Thôn,Tên hộ,Có điện thoại thông minh\r\n")).toEqual({
      ok: false,
      problems: ["Tệp không có dòng hộ nào dưới dòng tiêu đề."],
    });
  });

  it("does not guess between two villages that differ only by their marks", () => {
    const villages = [
      { id: 1, name: "Thôn Na" },
      { id: 2, name: "Thôn Ná" },
    ];
    const result = readHouseholdSheet(
      parseCsv("Thôn,Tên hộ,Có điện thoại thông minh\r\nthon na,Hộ A Lử,Có\r\nThôn Ná,Hộ A Sáng,Có\r\n"),
      villages,
      [],
    );
    expect(result).toEqual({ ok: false, problems: ["Dòng 2: không có thôn \u201cthon na\u201d trong xã."] });
  });
});
