import { SetPopulationRequest } from "@hvs/shared/dashboard";
import { populationOn } from "@hvs/shared/indicators";
import { isDay } from "@hvs/shared/periods";
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Db } from "../db/client";
import { communes, villages } from "../db/schema";
import { applyHouseholdImport, knownHouseholds, readHouseholdSheet } from "../households/household-import";
import { type HouseholdListQuery, householdIndicator, householdsBehind, loadCommuneHouseholds } from "../households/indicator";
import { AppError } from "../http/app-error";
import type { AppEnv } from "../http/context";
import { jsonBody } from "../http/validate";
import { communeReport } from "../indicators/commune-report";
import { vietnamDay } from "../indicators/milestones";
import { type PeopleQuery, peopleBehind } from "../indicators/people";
import { POPULATION_HEADERS, readPopulationSheet } from "../indicators/population-import";
import { populationHistory, populationLog, recordPopulation } from "../indicators/populations";
import { provinceRollup } from "../indicators/province-rollup";
import type { CurriculumIndex } from "../learning/curriculum";
import { parseCsv, reportToCsv } from "../reports/csv";
import { reportToPdf } from "../reports/pdf-report";
import type { ReportTable } from "../reports/report-table";
import { readXlsxRows, reportToXlsx } from "../reports/xlsx";
import { communeVillages } from "../villages/commune-villages";
import { dashboardPage } from "./dashboard-page";
import {
  HOUSEHOLDS_PAGE_SIZE,
  householdImportPage,
  householdsPage,
  householdsTable,
  householdTemplateTable,
  readHouseholdStatus,
} from "./households-page";
import { peoplePage, peopleTable, readStep } from "./people-page";
import { readPeriodQuery } from "./period-query";
import { populationsPage } from "./populations-page";
import { provincePage } from "./province-page";
import { householdReportTable, reportFileName, reportTable } from "./report-export";
import { requireStaff } from "./staff-auth";

interface Deps {
  db: Db;
  now: () => Date;
  /** The curriculum: its tasks and household rule make the households indicator. */
  content: CurriculumIndex;
}

const MAX_IMPORT_BYTES = 1024 * 1024;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function download(c: Context, body: string | Buffer, type: string, name: string) {
  c.header("Content-Type", type);
  c.header("Content-Disposition", `attachment; filename="${name}"`);
  c.header("Cache-Control", "no-store");
  return c.body(typeof body === "string" ? body : new Uint8Array(body));
}

function villagesNow(db: Db, communeId: number, today: string) {
  const list = communeVillages(db, communeId);
  const history = populationHistory(
    db,
    list.map((v) => v.id),
  );
  return list.map((v) => ({ villageId: v.id, name: v.name, adults: populationOn(history.get(v.id) ?? [], today) }));
}

/** A sheet's rows from an uploaded CSV or XLSX, told apart by their first bytes (an XLSX is a zip). */
async function sheetRows(file: File): Promise<string[][]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) return readXlsxRows(bytes);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  return parseCsv(text);
}

/** The commune dashboard, its lists, its exports and the population figures; and the province roll-up. */
export function createIndicatorPages({ db, now, content }: Deps) {
  const commune = requireStaff(db, now, "commune", "redirect");
  const province = requireStaff(db, now, "province", "redirect");
  const today = () => vietnamDay(now());
  const query = (c: Context<AppEnv>) => readPeriodQuery(c.req.query(), today());
  const reportFor = (c: Context<AppEnv>) => {
    const q = query(c);
    return { q, report: communeReport(db, c.get("staff").communeId, q.period, q.granularity, q.villageId) };
  };
  /** ?step=&scope=&village=&page= as the dashboard's links send them; another commune's village is "not found". */
  const peopleQuery = (c: Context<AppEnv>): { people: PeopleQuery; villageName: string | null } => {
    const q = query(c);
    const page = Math.max(1, Math.min(100_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
    const village = q.villageId
      ? db.select({ name: villages.name, communeId: villages.communeId }).from(villages).where(eq(villages.id, q.villageId)).get()
      : undefined;
    if (q.villageId && village?.communeId !== c.get("staff").communeId) throw new AppError("VILLAGE_NOT_FOUND");
    return {
      people: {
        step: readStep(c.req.query("step")),
        scope: c.req.query("scope") === "new" ? "new" : "cumulative",
        period: q.period,
        villageId: q.villageId,
        page,
      },
      villageName: village?.name ?? null,
    };
  };
  /** ?status=&scope=&village=&from=&to= as the households table's links send them. */
  /** `page`: only that page's households get their members read (the list page); files get every row. */
  const householdQuery = (c: Context<AppEnv>, page?: number) => {
    const q = query(c);
    const me = c.get("staff");
    const data = loadCommuneHouseholds(db, content, me.communeId);
    const village = q.villageId === null ? null : data.villages.find((v) => v.id === q.villageId);
    if (village === undefined) throw new AppError("VILLAGE_NOT_FOUND");
    const list: HouseholdListQuery = {
      status: readHouseholdStatus(c.req.query("status")),
      scope: c.req.query("scope") === "new" ? "new" : "cumulative",
      period: q.period,
      villageId: q.villageId,
    };
    return {
      data,
      list,
      villageName: village?.name ?? null,
      rows: householdsBehind(db, content, data, list, page === undefined ? undefined : { number: page, size: HOUSEHOLDS_PAGE_SIZE }),
    };
  };
  const householdReport = (c: Context<AppEnv>) => {
    const { q, report } = reportFor(c);
    const ind = householdIndicator(db, content, c.get("staff").communeId, q.period, q.granularity, q.villageId);
    return {
      table: householdReportTable(ind, report.communeName, today()),
      name: (ext: string) => `bao-cao-ho-gia-dinh-${q.period.from}-den-${q.period.to}.${ext}`,
    };
  };
  const householdImport = (c: Context<AppEnv>, extra: { notice?: string; problems?: string[] } = {}) => {
    c.header("Cache-Control", "no-store");
    return householdImportPage({ username: c.get("staff").username, csrf: c.get("csrf"), ...extra });
  };
  const householdTemplate = (c: Context<AppEnv>) => {
    const data = loadCommuneHouseholds(db, content, c.get("staff").communeId);
    const day = today();
    return householdTemplateTable(
      householdsBehind(db, content, data, { status: null, scope: "cumulative", period: { from: day, to: day }, villageId: null }),
      day,
    );
  };
  const exportTable = (c: Context<AppEnv>): { table: ReportTable; name: (ext: string) => string } => {
    const { report } = reportFor(c);
    return { table: reportTable(report, today()), name: (ext) => reportFileName(report, ext) };
  };
  const populations = (c: Context<AppEnv>, extra: { notice?: string; problems?: string[] } = {}) => {
    const me = c.get("staff");
    c.header("Cache-Control", "no-store");
    return populationsPage({
      villages: villagesNow(db, me.communeId, today()),
      log: populationLog(db, me.communeId),
      today: today(),
      username: me.username,
      csrf: c.get("csrf"),
      ...extra,
    });
  };

  return (
    new Hono<AppEnv>()
      .get("/", commune, (c) => {
        const { q, report } = reportFor(c);
        const households = householdIndicator(db, content, c.get("staff").communeId, q.period, q.granularity, q.villageId);
        c.header("Cache-Control", "no-store");
        return c.html(
          dashboardPage({ report, households, query: q, today: today(), username: c.get("staff").username, csrf: c.get("csrf") }),
        );
      })
      .get("/people", commune, (c) => {
        const { people, villageName } = peopleQuery(c);
        const me = c.get("staff");
        c.header("Cache-Control", "no-store");
        return c.html(
          peoplePage({
            query: people,
            villageName,
            result: peopleBehind(db, me.communeId, people),
            username: me.username,
            csrf: c.get("csrf"),
          }),
        );
      })
      // The whole list as a workbook: what a commendation decision or a follow-up call list starts from.
      .get("/people.xlsx", commune, async (c) => {
        const { people, villageName } = peopleQuery(c);
        const me = c.get("staff");
        const all = { ...people, page: 1, pageSize: 1_000_000 };
        const result = peopleBehind(db, me.communeId, all);
        const name = `danh-sach-${people.step}-${people.period.from}-den-${people.period.to}.xlsx`;
        return download(c, await reportToXlsx(peopleTable(all, villageName, result, today())), XLSX_TYPE, name);
      })
      // The households behind a number of the households table; names leave the server only for commune staff.
      .get("/households", commune, (c) => {
        const page = Math.max(1, Math.min(100_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
        const { data, list, villageName, rows } = householdQuery(c, page);
        const me = c.get("staff");
        c.header("Cache-Control", "no-store");
        return c.html(
          householdsPage({
            query: list,
            villages: data.villages,
            villageName,
            rule: data.rule,
            rows,
            page,
            username: me.username,
            csrf: c.get("csrf"),
          }),
        );
      })
      .get("/households.csv", commune, (c) => {
        const { data, list, rows } = householdQuery(c);
        const name = `danh-sach-ho-${list.period.to}.csv`;
        return download(c, reportToCsv(householdsTable(list, data.rule, rows, today())), "text/csv; charset=utf-8", name);
      })
      .get("/households.xlsx", commune, async (c) => {
        const { data, list, rows } = householdQuery(c);
        return download(
          c,
          await reportToXlsx(householdsTable(list, data.rule, rows, today())),
          XLSX_TYPE,
          `danh-sach-ho-${list.period.to}.xlsx`,
        );
      })
      .get("/households/report.csv", commune, (c) => {
        const { table, name } = householdReport(c);
        return download(c, reportToCsv(table), "text/csv; charset=utf-8", name("csv"));
      })
      .get("/households/report.xlsx", commune, async (c) => {
        const { table, name } = householdReport(c);
        return download(c, await reportToXlsx(table), XLSX_TYPE, name("xlsx"));
      })
      .get("/households/report.pdf", commune, async (c) => {
        const { table, name } = householdReport(c);
        return download(c, await reportToPdf(table), "application/pdf", name("pdf"));
      })
      .get("/households/import", commune, (c) => c.html(householdImport(c)))
      .post(
        "/households/import",
        // Before the session check, as for the population import: the limit must wrap the body first.
        bodyLimit({
          maxSize: MAX_IMPORT_BYTES + 64 * 1024,
          onError: () => {
            throw new AppError("PAYLOAD_TOO_LARGE", "household import over 1 MB", "Tệp quá lớn: tối đa 1 MB.");
          },
        }),
        commune,
        async (c) => {
          const form = await c.req.parseBody();
          const file = form.file;
          if (!(file instanceof File) || file.size === 0)
            return c.html(householdImport(c, { problems: ["Hãy chọn một tệp .xlsx hoặc .csv."] }), 400);
          let rows: string[][];
          try {
            rows = await sheetRows(file);
          } catch {
            return c.html(
              householdImport(c, { problems: ["Không đọc được tệp: hãy lưu lại dưới dạng Excel (.xlsx) hoặc CSV (UTF-8) rồi thử lại."] }),
              400,
            );
          }
          const me = c.get("staff");
          const list = communeVillages(db, me.communeId);
          // Checked and written in one transaction: a household removed meanwhile cannot be revived by the file.
          const outcome = db.transaction(
            (tx) => {
              const result = readHouseholdSheet(
                rows,
                list,
                knownHouseholds(
                  tx,
                  list.map((v) => v.id),
                ),
              );
              if (!result.ok) return result;
              return { ok: true as const, ...applyHouseholdImport(tx, result.entries, now()) };
            },
            { behavior: "immediate" },
          );
          if (!outcome.ok) return c.html(householdImport(c, { problems: outcome.problems }), 400);
          return c.html(householdImport(c, { notice: `Đã thêm ${outcome.created} hộ và sửa ${outcome.updated} hộ.` }));
        },
      )
      .get("/households/template.csv", commune, (c) =>
        download(c, reportToCsv(householdTemplate(c)), "text/csv; charset=utf-8", "danh-sach-ho-gia-dinh.csv"),
      )
      .get("/households/template.xlsx", commune, async (c) =>
        download(c, await reportToXlsx(householdTemplate(c)), XLSX_TYPE, "danh-sach-ho-gia-dinh.xlsx"),
      )
      .get("/report.csv", commune, (c) => {
        const { table, name } = exportTable(c);
        return download(c, reportToCsv(table), "text/csv; charset=utf-8", name("csv"));
      })
      .get("/report.xlsx", commune, async (c) => {
        const { table, name } = exportTable(c);
        return download(c, await reportToXlsx(table), XLSX_TYPE, name("xlsx"));
      })
      .get("/report.pdf", commune, async (c) => {
        const { table, name } = exportTable(c);
        return download(c, await reportToPdf(table), "application/pdf", name("pdf"));
      })
      .get("/populations", commune, (c) => c.html(populations(c, c.req.query("done") ? { notice: "Đã lưu." } : {})))
      .post("/populations", commune, async (c) => {
        const form = await c.req.parseBody();
        const adultsText = typeof form.adults === "string" ? form.adults.trim().replace(/[.,\s]/g, "") : "";
        const effectiveFrom = typeof form.effectiveFrom === "string" ? form.effectiveFrom : "";
        const problems: string[] = [];
        if (!/^\d{1,7}$/.test(adultsText)) problems.push("Số người trưởng thành phải là số nguyên không âm.");
        if (!isDay(effectiveFrom)) problems.push("Ngày áp dụng không hợp lệ.");
        if (problems.length > 0) return c.html(populations(c, { problems }), 400);
        const me = c.get("staff");
        const entry = { villageId: Number(form.villageId), adults: Number(adultsText), effectiveFrom };
        try {
          db.transaction((tx) => recordPopulation(tx, me.communeId, entry, { staffId: me.id, source: "form" }, now()), {
            behavior: "immediate",
          });
        } catch (error) {
          // A figure the rules refuse (a date after today) is said on the form; another commune's village is "not found".
          if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") throw error;
          return c.html(populations(c, { problems: [error.publicMessage ?? ""] }), 400);
        }
        return c.redirect("/admin/populations?done=1", 303);
      })
      .post(
        "/populations/import",
        // Before the session check: that check reads the form (for its CSRF field), and the limit must wrap the body first.
        bodyLimit({
          maxSize: MAX_IMPORT_BYTES + 64 * 1024,
          onError: () => {
            throw new AppError("PAYLOAD_TOO_LARGE", "population import over 1 MB", "Tệp quá lớn: tối đa 1 MB.");
          },
        }),
        commune,
        async (c) => {
          const form = await c.req.parseBody();
          const file = form.file;
          if (!(file instanceof File) || file.size === 0)
            return c.html(populations(c, { problems: ["Hãy chọn một tệp .xlsx hoặc .csv."] }), 400);
          let rows: string[][];
          try {
            rows = await sheetRows(file);
          } catch {
            return c.html(
              populations(c, { problems: ["Không đọc được tệp: hãy lưu lại dưới dạng Excel (.xlsx) hoặc CSV (UTF-8) rồi thử lại."] }),
              400,
            );
          }
          const me = c.get("staff");
          const result = readPopulationSheet(rows, communeVillages(db, me.communeId), today());
          if (!result.ok) return c.html(populations(c, { problems: result.problems }), 400);
          // All rows or none: a half-applied file would leave a report mixing two years' figures.
          db.transaction(
            (tx) => {
              for (const entry of result.entries) recordPopulation(tx, me.communeId, entry, { staffId: me.id, source: "import" }, now());
            },
            { behavior: "immediate" },
          );
          return c.html(populations(c, { notice: `Đã nhập ${result.entries.length} dòng.` }));
        },
      )
      .get("/populations/template.csv", commune, (c) => {
        const list = villagesNow(db, c.get("staff").communeId, today());
        const table = templateTable(list, today());
        return download(c, reportToCsv(table), "text/csv; charset=utf-8", "so-nguoi-truong-thanh.csv");
      })
      .get("/populations/template.xlsx", commune, async (c) => {
        const list = villagesNow(db, c.get("staff").communeId, today());
        return download(c, await reportToXlsx(templateTable(list, today())), XLSX_TYPE, "so-nguoi-truong-thanh.xlsx");
      })
      .get("/province", province, (c) => {
        const me = c.get("staff");
        const home = db.select({ provinceId: communes.provinceId }).from(communes).where(eq(communes.id, me.communeId)).get();
        const q = query(c);
        const rollup = home?.provinceId ? provinceRollup(db, home.provinceId, q.period) : undefined;
        if (!rollup) throw new AppError("NOT_FOUND", "province staff without a province", "Xã của tài khoản này chưa thuộc tỉnh nào.");
        c.header("Cache-Control", "no-store");
        return c.html(provincePage({ rollup, query: q, today: today(), username: me.username, csrf: c.get("csrf") }));
      })
  );
}

/** The import file pre-filled with the commune's villages and today's figures: edit the numbers, send back. */
function templateTable(list: { name: string; adults: number }[], today: string): ReportTable {
  const [first, second, third] = POPULATION_HEADERS;
  return {
    title: "Số người trưởng thành theo thôn",
    communeName: "",
    period: { from: today, to: today },
    columns: [
      { header: first, kind: "text" },
      { header: second, kind: "integer" },
      { header: third, kind: "text" },
    ],
    rows: list.map((v) => [v.name, v.adults, today]),
    totals: [],
    notes: [],
    signedOn: today,
    place: "",
  };
}

/** The same figures as JSON, and the one JSON write (a population figure), CSRF-checked like the forms. */
export function createIndicatorApi({ db, now }: Omit<Deps, "content">) {
  const staffOnly = requireStaff(db, now, "commune", "error");
  return new Hono<AppEnv>()
    .get("/indicators", staffOnly, (c) => {
      const q = readPeriodQuery(c.req.query(), vietnamDay(now()));
      c.header("Cache-Control", "no-store");
      return c.json(communeReport(db, c.get("staff").communeId, q.period, q.granularity, q.villageId), 200);
    })
    .post("/populations", staffOnly, jsonBody(SetPopulationRequest), (c) => {
      const body = c.req.valid("json");
      const me = c.get("staff");
      db.transaction((tx) => recordPopulation(tx, me.communeId, body, { staffId: me.id, source: "form" }, now()), {
        behavior: "immediate",
      });
      return c.json({ saved: true }, 201);
    });
}
