import { describe, expect, it } from "vitest";
import { parseCsv, reportToCsv } from "./csv";
import { sampleTable } from "./sample-table";

describe("reportToCsv", () => {
  const csv = reportToCsv(sampleTable());

  it("starts with a BOM, ends every record with CRLF and holds only the table", () => {
    expect(csv.startsWith('\uFEFF"Thôn, làng",')).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replaceAll("\r\n", "").includes("\n")).toBe(false);
    expect(csv.split("\r\n")).toHaveLength(1 + 4 + 1 + 1);
  });

  it("reads back as the same cells, numbers plain and a formula-like name as text", () => {
    expect(parseCsv(csv)).toEqual([
      ["Thôn, làng", "Số người đăng ký học", "Số người hoàn thành", "Tỷ lệ hoàn thành (%)"],
      ["Thôn Đồng Tâm", "412", "330", "80.1"],
      ["Làng Kon Sơ, Ia Broăi", "1234", "895", "72.5"],
      ['Buôn "Ea Tiêu"', "96", "0", ""],
      ["'=Tổ dân phố 3", "58", "41", "70.7"],
      ["Toàn xã", "1800", "1266", "70.3"],
    ]);
  });

  it("quotes by RFC 4180 and never prefixes a number", () => {
    const table = sampleTable(0);
    table.rows = [
      ["+84 905", -5, 3, 33.333333],
      ["a\r\nb", 1, 2, 100],
    ];
    const lines = reportToCsv(table).slice(1).split("\r\n");
    expect(lines[1]).toBe("'+84 905,-5,3,33.3");
    expect(lines[2]).toBe('"a');
    expect(lines[3]).toBe('b",1,2,100');
  });
});

describe("parseCsv", () => {
  it("reads the semicolons Excel writes in a Vietnamese locale", () => {
    expect(parseCsv("\uFEFFThôn;Số người\r\nThôn Đồng Tâm;1,5\r\n\r\n")).toEqual([
      ["Thôn", "Số người"],
      ["Thôn Đồng Tâm", "1,5"],
    ]);
  });

  it("reads tab-separated cells copied from a spreadsheet", () => {
    expect(parseCsv("Thôn\tGhi chú\tSố\nThôn Đồng Tâm\tmới, đông\t412\n")).toEqual([
      ["Thôn", "Ghi chú", "Số"],
      ["Thôn Đồng Tâm", "mới, đông", "412"],
    ]);
  });

  it("keeps line breaks, quotes and spaces inside quotes, and a blank line in the middle", () => {
    expect(parseCsv('name,note\n"Làng Kon Sơ","dòng 1\r\ndòng 2 ""x"" "\n\n" a ",\n')).toEqual([
      ["name", "note"],
      ["Làng Kon Sơ", 'dòng 1\r\ndòng 2 "x" '],
      [],
      [" a ", ""],
    ]);
  });

  it("takes the delimiter from the first record only, outside quotes", () => {
    expect(parseCsv('"a;b;c",d\n1;2,3')).toEqual([
      ["a;b;c", "d"],
      ["1;2", "3"],
    ]);
  });

  it("drops trailing lines of empty fields and reads nothing from an empty file", () => {
    expect(parseCsv("a,b\n1,2\n,\n,\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\uFEFF")).toEqual([]);
  });

  it("throws on a quote that is never closed", () => {
    expect(() => parseCsv('a,b\n1,"Thôn Đồng Tâm\n2,3\n')).toThrow(/quoted field opened on line 2 is never closed/);
  });
});
